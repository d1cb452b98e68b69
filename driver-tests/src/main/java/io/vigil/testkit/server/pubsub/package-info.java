/** Channels, patterns and subscribers, shared by the data server and a Sentinel. */
package io.vigil.testkit.server.pubsub;
