/** redis.conf files and {@code --directive value} arguments, CONFIG GET/SET/REWRITE semantics. */
package io.vigil.testkit.server.config;
