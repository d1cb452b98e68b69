/**
 * Histories of chaos runs and their checking: client threads record appends to and reads of
 * append-only lists in a {@link io.vigil.testkit.chaos.history.History}; afterwards a
 * {@link io.vigil.testkit.chaos.history.HistoryChecker} compares it with the final data and
 * reports lost acknowledged writes, duplicate applications, phantoms, read-your-writes
 * violations and reads staler than a bound, in a
 * {@link io.vigil.testkit.chaos.history.CheckReport}. Nothing here knows of Redis or of any client.
 */
package io.vigil.testkit.chaos.history;
