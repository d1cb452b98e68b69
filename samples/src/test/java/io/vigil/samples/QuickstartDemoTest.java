package io.vigil.samples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The README's demo command must keep working: every check of the demo holds. */
class QuickstartDemoTest {

  @Test
  void everyCheckOfTheDemoHolds() {
    assertDoesNotThrow(QuickstartDemo::run);
  }
}
