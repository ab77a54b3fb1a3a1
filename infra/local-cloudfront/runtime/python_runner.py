"""One Lambda "container" for one Python function, driven by python-instance.ts.

Loads the handler, writes {"ready": true}, then reads one JSON request per line on stdin ({"id", "event",
"timeoutMs"}) and writes one JSON reply per line on fd 3, so the handler's print() output stays on stdout
like a Lambda log.
"""
import importlib
import json
import os
import resource
import sys
import time
import uuid

code_dir, handler_name, memory_mb, function_name = sys.argv[1:5]
replies = os.fdopen(3, "w")


def limit_memory(megabytes):
    """A backstop for one huge allocation between two reads of the resident set (python-instance.ts
    counts that against the limit): caps the address space at the interpreter's now plus the memory."""
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[0]) * resource.getpagesize()
    limit = current + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class Watched(dict):
    """A dict that records which keys the handler looks up, for the cache-key linter."""

    def __init__(self, data, on_read):
        super().__init__(data)
        self._on_read = on_read

    def __getitem__(self, key):
        self._on_read(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._on_read(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._on_read(key)
        return super().__contains__(key)


class Context:
    def __init__(self, deadline):
        self.function_name = function_name
        self.function_version = "1"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:000000000000:function:{function_name}:1"
        self.memory_limit_in_mb = int(memory_mb)
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/us-east-1.{function_name}"
        self.log_stream_name = "local"
        self._deadline = deadline

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline - time.time() * 1000))


def resident_bytes():
    """The process's resident set, as Lambda counts a container's memory (Linux only)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except OSError:
        return None


def load_handler():
    module_name, _, function = handler_name.rpartition(".")
    sys.path.insert(0, code_dir)
    module = importlib.import_module(module_name.replace("/", "."))
    handler = getattr(module, function, None)
    if not callable(handler):
        raise AttributeError(f"Runtime.HandlerNotFound: {module_name} has no function {function}")
    return handler


def track_reads(event):
    reads = {"active": True, "headers": set(), "querystring": False}
    cf = event.get("Records", [{}])[0].get("cf", {})
    request = cf.get("request")
    if isinstance(request, dict):

        def header_read(name):
            if reads["active"]:
                reads["headers"].add(str(name))

        def request_read(name):
            if reads["active"] and name == "querystring":
                reads["querystring"] = True

        if isinstance(request.get("headers"), dict):
            request["headers"] = Watched(request["headers"], header_read)
        cf["request"] = Watched(request, request_read)
    return reads


def invoke(handler, message):
    event = message["event"]
    reads = track_reads(event)
    try:
        result = handler(event, Context(message["deadline"]))
    except MemoryError:
        return {"ok": False, "limit": True, "error": f"Runtime exited: out of memory (limit {memory_mb} MB)"}
    except Exception as error:  # the handler's own exception is the invocation's error
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    finally:
        reads["active"] = False
    reads_out = {"headers": sorted(reads["headers"]), "querystring": reads["querystring"]}
    try:
        return {"ok": True, "json": json.dumps(result), "reads": reads_out}
    except (TypeError, ValueError):
        return {"ok": True, "unparsable": True}


def main():
    limit_memory(int(memory_mb))
    handler = None
    load_error = None
    # Init before the first invocation, as Lambda's init phase does; invocation timeouts start after it.
    try:
        handler = load_handler()
    except Exception as error:
        load_error = f"Runtime.ImportModuleError: {type(error).__name__}: {error}"
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in sys.stdin:
        message = json.loads(line)
        message["deadline"] = time.time() * 1000 + message["timeoutMs"]
        reply = {"ok": False, "error": load_error} if load_error else invoke(handler, message)
        memory = resident_bytes()
        if memory is not None:
            reply["memoryBytes"] = memory
        replies.write(json.dumps({"id": message["id"], **reply}) + "\n")
        replies.flush()


main()
