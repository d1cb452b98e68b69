package io.vigil.testkit.chaos;

/** A node running as a child process; freeze is SIGSTOP, thaw SIGCONT. */
final class ProcessInstance implements Instance {

  private final ChildProcess process;

  ProcessInstance(ChildProcess process) {
    this.process = process;
  }

  @Override
  public void kill() {
    process.kill();
  }

  @Override
  public void stop() {
    process.stop();
  }

  @Override
  public void freeze() {
    process.freeze();
  }

  @Override
  public void thaw() {
    process.thaw();
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public long pid() {
    return process.pid();
  }
}
