"""Runs scripts and functions through redis-py against the server on the given port and prints
what the client hands back, one line per step, for ScriptingClientsTest to compare."""
import sys

import redis

r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]))
r.flushall()
r.script_flush()
r.function_flush()


def show(label, fn):
    try:
        print(label, repr(fn()))
    except redis.exceptions.ResponseError as e:
        print(label, "ResponseError", str(e))


show("eval", lambda: r.eval("return {KEYS[1], ARGV[1], 3.7, true, false}", 1, "k", "v"))
lock = r.register_script(
    "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 else return 0 end")
show("lock first", lambda: lock(keys=["lock"], args=["owner", 10000]))
show("lock second", lambda: lock(keys=["lock"], args=["other", 10000]))
release = r.register_script(
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end")
show("release wrong", lambda: release(keys=["lock"], args=["other"]))
show("release right", lambda: release(keys=["lock"], args=["owner"]))
show("script exists", lambda: r.script_exists(lock.sha, "0" * 40))
show("evalsha missing", lambda: r.evalsha("0" * 40, 0))
show("error", lambda: r.eval("return redis.call('nosuch')", 0))
show("status", lambda: r.eval("return redis.status_reply('FINE')", 0))
show("function load", lambda: r.function_load(
    "#!lua name=pylib\nredis.register_function('incr_by', function(keys, args) "
    "return redis.call('incrby', keys[1], args[1]) end)\n"
    "redis.register_function{function_name='get_ro', callback=function(keys) return redis.call('get', keys[1]) end, "
    "flags={'no-writes'}}"))
show("fcall", lambda: r.fcall("incr_by", 1, "n", 5))
show("fcall_ro", lambda: r.fcall_ro("get_ro", 1, "n"))
def libraries():
    # libraries and their functions come in the order of Redis's hash tables: sort them
    out = []
    for lib in r.function_list():
        fields = dict(zip(lib[::2], lib[1::2]))
        fields[b"functions"] = sorted(repr(f) for f in fields[b"functions"])
        out.append(sorted(fields.items()))
    return sorted(out)


show("function list", libraries)
dump = r.function_dump()
show("function flush", lambda: r.function_flush())
show("function restore", lambda: r.function_restore(dump))
show("fcall after restore", lambda: r.fcall("incr_by", 1, "n", 1))
show("function delete", lambda: r.function_delete("pylib"))
show("fcall deleted", lambda: r.fcall("incr_by", 1, "n", 1))
