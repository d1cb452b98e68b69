/**
 * Where writes leave the server: the {@link io.vigil.testkit.server.replication.ReplicationFeed}
 * receives every change as the command Redis would propagate. Replication and the append-only
 * file plug in here.
 */
package io.vigil.testkit.server.replication;
