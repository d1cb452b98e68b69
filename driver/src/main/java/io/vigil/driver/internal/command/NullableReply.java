package io.vigil.driver.internal.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command definition whose {@code Long}, {@code Boolean}, {@code Double} or {@code
 * Integer} result may be null ({@code ZRANK} of a missing member): the blocking API keeps the
 * boxed type instead of a primitive.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface NullableReply {}
