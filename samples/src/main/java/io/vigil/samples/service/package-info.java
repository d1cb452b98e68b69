/**
 * The Spring Boot sample service: read/write splitting over Vigil, with Actuator health and
 * metrics, on an embedded Java Redis stack by default or a real Sentinel deployment by properties.
 */
package io.vigil.samples.service;
