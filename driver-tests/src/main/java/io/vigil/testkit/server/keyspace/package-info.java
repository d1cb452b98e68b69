/**
 * Numbered databases, the value types and their encodings, and lazy and active expiry driven by
 * an injected clock. Free of Netty and of commands.
 */
package io.vigil.testkit.server.keyspace;
