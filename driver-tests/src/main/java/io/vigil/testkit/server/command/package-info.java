/**
 * The data server's commands: a table of handlers with Redis 7.0's own metadata, the dispatcher
 * (arity, authentication, subscriber mode, MULTI, propagation, MONITOR, slow log), and one class
 * per command family.
 */
package io.vigil.testkit.server.command;
