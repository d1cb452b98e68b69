/**
 * Geospatial indexing as Redis does it: coordinates interleaved into 52-bit geohashes stored as
 * sorted-set scores, the nine-cell search area of a radius or box with Redis's step estimate,
 * the haversine distance on Redis's earth radius, and the partial sort Redis uses for COUNT, so
 * searches return the same members in the same order. Free of the keyspace and of commands.
 */
package io.vigil.testkit.server.geo;
