// A bounded cache of table pages, least recently used dropped first, so scrolling through a million rows keeps memory flat.

/** Pages by key, at most `capacity` of them. */
export class PageCache<T> {
  private readonly pages = new Map<string, T>();

  constructor(readonly capacity: number) {}

  /** The page at `key`, marked as the most recently used. */
  get(key: string): T | undefined {
    const page = this.pages.get(key);
    if (page !== undefined) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /** Whether `key` is held, without marking it used. */
  has(key: string): boolean {
    return this.pages.has(key);
  }

  /** Stores `page`, dropping the least recently used pages beyond the capacity. */
  set(key: string, page: T): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    while (this.pages.size > this.capacity) this.pages.delete(this.pages.keys().next().value as string);
  }

  /** Drops every page (new results). */
  clear(): void {
    this.pages.clear();
  }

  /** Pages held. */
  get size(): number {
    return this.pages.size;
  }
}
