/**
 * Serving RESP on Netty with every client on one event loop thread: connections, their output
 * buffers, holding blocked or paused clients, and the log. Knows nothing of commands; the data
 * server and a Sentinel each plug in a {@link io.vigil.testkit.server.network.CommandProcessor}.
 */
package io.vigil.testkit.server.network;
