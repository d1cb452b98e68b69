/**
 * Options of the typed commands that Redis gives options ({@code SET … NX PX}, {@code GEOSEARCH …
 * BYBOX}, {@code SORT … LIMIT}…), as immutable values.
 *
 * <p>Each is built from a starting value and fluent copies ({@code SetArgs.none().nx().px(ttl)}),
 * validates eagerly and throws {@link java.lang.IllegalArgumentException} naming the bad value or
 * the options that exclude each other, so a mistake fails where it is written, before anything
 * is sent. They expose what they hold through accessors; the command definitions write their wire
 * form. All are thread-safe and may be shared and reused.
 */
package io.vigil.driver.args;
