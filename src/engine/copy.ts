// Deep copies with cadCAD's isolation (Python's deepcopy): primitives are shared, everything else copied.

/** A deep copy of plain data, arrays, Maps, Sets, Dates, typed arrays and class instances (prototype kept). */
export function deepCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  return (flatCopy(value) ?? copyObject(value, new Map())) as T;
}

// The common case needs no cycle map: an array or plain object whose values are all primitives.
function flatCopy(obj: object): unknown {
  if (Array.isArray(obj)) {
    for (let i = 0; i < obj.length; i++) {
      const v: unknown = obj[i];
      if (typeof v === "object" && v !== null) return undefined;
    }
    return obj.slice();
  }
  if (Object.getPrototypeOf(obj) !== Object.prototype) return undefined;
  const out: Record<string, unknown> = {};
  for (const key in obj) {
    const v = (obj as Record<string, unknown>)[key];
    if ((typeof v === "object" && v !== null) || key === "__proto__") return undefined;
    out[key] = v;
  }
  return out;
}

function copyAny(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  return copyObject(value, seen);
}

function copyObject(obj: object, seen: Map<object, unknown>): unknown {
  const done = seen.get(obj);
  if (done !== undefined) return done;
  if (Array.isArray(obj)) {
    const out: unknown[] = new Array(obj.length);
    seen.set(obj, out);
    for (let i = 0; i < obj.length; i++) out[i] = copyAny(obj[i], seen);
    return out;
  }
  if (ArrayBuffer.isView(obj)) {
    const out = (obj as unknown as { slice(): unknown }).slice();
    seen.set(obj, out);
    return out;
  }
  if (obj instanceof Map) {
    const out = new Map();
    seen.set(obj, out);
    for (const [k, v] of obj) out.set(copyAny(k, seen), copyAny(v, seen));
    return out;
  }
  if (obj instanceof Set) {
    const out = new Set();
    seen.set(obj, out);
    for (const v of obj) out.add(copyAny(v, seen));
    return out;
  }
  if (obj instanceof Date) return new Date(obj.getTime());
  const proto = Object.getPrototypeOf(obj) as object | null;
  const out = (proto === Object.prototype ? {} : Object.create(proto)) as Record<string, unknown>;
  seen.set(obj, out);
  for (const key of Object.keys(obj)) {
    const v = (obj as Record<string, unknown>)[key];
    if (key === "__proto__") {
      Object.defineProperty(out, key, { value: copyAny(v, seen), enumerable: true, writable: true, configurable: true });
    } else out[key] = copyAny(v, seen);
  }
  return out;
}

/** Freezes `value` and everything it holds (typed arrays cannot be frozen and are left as they are). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
