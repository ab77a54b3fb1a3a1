// What a function reads of the request, for the cache-key linter (runs inside the function's worker).

/**
 * Records what a function reads of an object, for the cache-key linter. Copies ({...headers},
 * Object.entries) enumerate first, and are not reads: a function that passes headers through has not
 * branched on them.
 */
function watch(target, reads, onRead) {
  const copying = new Set();
  let enumerating = false;
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string' && reads.active) {
        if (copying.has(key)) copying.delete(key);
        else onRead(key);
      }
      return Reflect.get(t, key, receiver);
    },
    // Without this trap a write would go through getOwnPropertyDescriptor on the proxy and count as a read.
    set(t, key, value) {
      return Reflect.set(t, key, value);
    },
    has(t, key) {
      if (typeof key === 'string' && reads.active) onRead(key);
      return Reflect.has(t, key);
    },
    ownKeys(t) {
      if (!enumerating) {
        enumerating = true;
        queueMicrotask(() => {
          enumerating = false;
          copying.clear();
        });
      }
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, key) {
      if (typeof key === 'string' && reads.active) {
        if (enumerating) copying.add(key);
        else onRead(key);
      }
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
  });
}

/** Wraps the event's request so header, cookie and query-string reads are recorded while `active`. */
export function trackReads(event) {
  const reads = { active: true, headers: new Set(), querystring: false };
  const cf = event?.Records?.[0]?.cf;
  if (cf?.request) {
    const request = cf.request;
    if (request.headers) request.headers = watch(request.headers, reads, (name) => reads.headers.add(name));
    cf.request = watch(request, reads, (name) => {
      if (name === 'querystring') reads.querystring = true;
    });
  }
  return reads;
}
