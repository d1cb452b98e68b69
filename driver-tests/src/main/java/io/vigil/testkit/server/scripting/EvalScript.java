package io.vigil.testkit.server.scripting;

import org.luaj.vm2.LuaFunction;

/** A script in the EVAL cache: its sha, body, shebang flags and compiled function. */
record EvalScript(String sha, byte[] body, int flags, LuaFunction function) {}
