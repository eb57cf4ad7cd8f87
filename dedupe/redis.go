package dedupe

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// redisStore keeps the index in Redis so that several processes share it:
//
//	dedupe:meta          hash: k, bands, rows, sketch version and the Index's
//	                     match settings (checked by every process); also the
//	                     marker that the index exists: an insert, union or
//	                     root when it is missing (a Redis restarted empty,
//	                     or flushed) fails with ErrIndexLost
//	dedupe:e:<id>        string: the entry (cluster, size, signature), stored once
//	dedupe:b:<key>       set of ids: one LSH bucket
//	dedupe:seq           counter; dedupe:order hash id → insertion number
//	dedupe:parent        hash: group → merged-into group
//	dedupe:n             live entries
//
// Every insert is one atomic script call (entry, buckets and counters
// together), so a lost connection leaves either all or nothing; repeating
// it with the same entry is a no-op. Errors reach the caller; nothing is
// dropped silently.
type redisStore struct {
	c       *redis.Client
	once    sync.Mutex
	checked bool
}

const rp = "dedupe:"

func openRedisStore(ctx context.Context, url string) (*redisStore, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("dedupe: open store %q: %w", url, err)
	}
	opt.MaxRetries = 2
	if opt.DialerRetries == 0 {
		opt.DialerRetries = 2
	}
	c := redis.NewClient(opt)
	if err := c.Ping(ctx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("dedupe: open store %q: %w", url, err)
	}
	return &redisStore{c: c}, nil
}

func encodeEntry(e *Entry) []byte {
	b := make([]byte, 0, binary.MaxVarintLen64+len(e.Cluster)+4+2*len(e.Sig))
	b = binary.AppendUvarint(b, uint64(len(e.Cluster)))
	b = append(b, e.Cluster...)
	b = binary.LittleEndian.AppendUint32(b, e.Size)
	for _, v := range e.Sig {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

func decodeEntry(id string, b []byte, e *Entry) error {
	l, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < l+4 || (len(b)-n-int(l)-4)%2 != 0 {
		return fmt.Errorf("dedupe: redis entry %q: %w", id, errCorrupt)
	}
	b = b[n:]
	e.ID = id
	e.Cluster = string(b[:l])
	b = b[l:]
	e.Size = binary.LittleEndian.Uint32(b)
	b = b[4:]
	e.Sig = e.Sig[:0]
	for i := 0; i+1 < len(b); i += 2 {
		e.Sig = append(e.Sig, binary.LittleEndian.Uint16(b[i:]))
	}
	return nil
}

func bucketKey(k uint64) string { return rp + "b:" + strconv.FormatUint(k, 36) }

// ErrIndexLost is returned (wrapped) when a shared store no longer holds
// the index it held (for example a Redis server restarted without its
// data): going on would group new documents as if nothing came before.
var ErrIndexLost = errors.New("store lost its index (its marker is gone)")

func (r *redisStore) check(ctx context.Context, k int, lsh LSH) error {
	r.once.Lock()
	checked := r.checked
	r.once.Unlock()
	if checked {
		return nil
	}
	return r.useSettings(indexSettings{Hashes: k, LSH: lsh, Threshold: math.NaN()})
}

// useSettings writes the marker with the settings if the index is new, and
// compares them otherwise. A NaN threshold (a store used without NewIndex)
// checks the layout only.
func (r *redisStore) useSettings(s indexSettings) error {
	ctx := context.Background()
	r.once.Lock()
	defer r.once.Unlock()
	if r.checked {
		return nil
	}
	layout := []any{"k", s.Hashes, "bands", s.LSH.Bands, "rows", s.LSH.Rows, "sketch", sketchVersion}
	want := layout
	if !math.IsNaN(s.Threshold) {
		want = append(want, "settings", s.String())
	}
	// set the layout if absent, then compare
	if err := metaScript.Run(ctx, r.c, []string{rp + "meta"}, want...).Err(); err != nil {
		return fmt.Errorf("dedupe: redis: %w", err)
	}
	got, err := r.c.HMGet(ctx, rp+"meta", "k", "bands", "rows", "sketch", "settings").Result()
	if err != nil {
		return fmt.Errorf("dedupe: redis: %w", err)
	}
	if fmt.Sprint(got[:4]...) != fmt.Sprint(strconv.Itoa(s.Hashes), strconv.Itoa(s.LSH.Bands), strconv.Itoa(s.LSH.Rows), strconv.Itoa(sketchVersion)) {
		return fmt.Errorf("dedupe: redis store holds signatures k,bands,rows,sketch version=%v, not %d,%d,%d,%d", got[:4], s.Hashes, s.LSH.Bands, s.LSH.Rows, sketchVersion)
	}
	if g, ok := got[4].(string); ok && !math.IsNaN(s.Threshold) && g != s.String() {
		return fmt.Errorf("dedupe: redis index was made with %s, not %s: use the same settings or another database", g, s)
	}
	r.checked = true
	return nil
}

var metaScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
if not redis.call('HGET', KEYS[1], 'settings') and #ARGV > 8 then redis.call('HSET', KEYS[1], ARGV[9], ARGV[10]) end
return 1`)

// KEYS: entry, seq, order, n, meta, buckets...; ARGV: id, entry bytes
var insertScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[5]) == 0 then return -1 end
local cur = redis.call('GET', KEYS[1])
if cur then
  if cur == ARGV[2] then return 1 end
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
local s = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], ARGV[1], s)
redis.call('INCR', KEYS[4])
for i = 6, #KEYS do redis.call('SADD', KEYS[i], ARGV[1]) end
return 2`)

func (r *redisStore) Insert(ctx context.Context, e *Entry, lsh LSH, index bool) error {
	if err := r.check(ctx, len(e.Sig), lsh); err != nil {
		return err
	}
	keys := []string{rp + "e:" + e.ID, rp + "seq", rp + "order", rp + "n", rp + "meta"}
	if index {
		for _, k := range lsh.Keys(e.Sig, nil) {
			keys = append(keys, bucketKey(k))
		}
	}
	v, err := insertScript.Run(ctx, r.c, keys, e.ID, encodeEntry(e)).Int()
	if err != nil {
		return fmt.Errorf("dedupe: redis insert %q: %w", e.ID, err)
	}
	switch v {
	case 0:
		return fmt.Errorf("dedupe: %q: %w", e.ID, ErrDuplicateID)
	case -1:
		return fmt.Errorf("dedupe: redis insert %q: %w", e.ID, ErrIndexLost)
	}
	return nil
}

func (r *redisStore) Candidates(ctx context.Context, sig []uint16, lsh LSH, fn func(e *Entry) bool) error {
	if err := r.check(ctx, len(sig), lsh); err != nil {
		return err
	}
	pipe := r.c.Pipeline()
	cmds := make([]*redis.StringSliceCmd, lsh.Bands)
	for b := range cmds {
		cmds[b] = pipe.SRandMemberN(ctx, bucketKey(lsh.Key(sig, b)), maxPerBucket)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("dedupe: redis candidates: %w", err)
	}
	seen := map[string]bool{}
	var ids []string
	for _, c := range cmds {
		for _, id := range c.Val() {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = rp + "e:" + id
	}
	vals, err := r.c.MGet(ctx, keys...).Result()
	if err != nil {
		return fmt.Errorf("dedupe: redis candidates: %w", err)
	}
	var e Entry
	for i, v := range vals {
		s, ok := v.(string)
		if !ok {
			continue // removed meanwhile
		}
		if err := decodeEntry(ids[i], []byte(s), &e); err != nil {
			return err
		}
		if !fn(&e) {
			break
		}
	}
	return nil
}

func (r *redisStore) Lookup(ctx context.Context, id string) (*Entry, error) {
	b, err := r.c.Get(ctx, rp+"e:"+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("dedupe: redis lookup %q: %w", id, err)
	}
	e := &Entry{}
	if err := decodeEntry(id, b, e); err != nil {
		return nil, err
	}
	return e, nil
}

// KEYS: entry, n, buckets...; ARGV: id
var removeScript = redis.NewScript(`
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('DECR', KEYS[2])
for i = 3, #KEYS do redis.call('SREM', KEYS[i], ARGV[1]) end
return 1`)

func (r *redisStore) Remove(ctx context.Context, id string) error {
	e, err := r.Lookup(ctx, id)
	if err != nil || e == nil {
		return err
	}
	keys := []string{rp + "e:" + id, rp + "n"}
	r.once.Lock()
	checked := r.checked
	r.once.Unlock()
	if checked || len(e.Sig) > 0 {
		meta, err := r.c.HMGet(ctx, rp+"meta", "bands", "rows").Result()
		if err != nil {
			return fmt.Errorf("dedupe: redis remove %q: %w", id, err)
		}
		b, _ := strconv.Atoi(fmt.Sprint(meta[0]))
		rw, _ := strconv.Atoi(fmt.Sprint(meta[1]))
		if l := (LSH{Bands: b, Rows: rw}); b > 0 && rw > 0 && b*rw <= len(e.Sig) {
			for _, k := range l.Keys(e.Sig, nil) {
				keys = append(keys, bucketKey(k))
			}
		}
	}
	if err := removeScript.Run(ctx, r.c, keys, id).Err(); err != nil {
		return fmt.Errorf("dedupe: redis remove %q: %w", id, err)
	}
	return nil
}

// KEYS: parent, order, meta; ARGV: a, b (b empty: only find the root of
// a). Roots are found with path compression: every document on the path
// is pointed at the root, so chains stay short however long the stream.
// A chain longer than the bound (a corrupt parent hash) is an error, never
// a wrong root.
var unionScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[3]) == 0 then return redis.error_reply('LOST') end
local function root(x)
  local r = x
  local n = 0
  while true do
    local p = redis.call('HGET', KEYS[1], r)
    if not p then break end
    r = p
    n = n + 1
    if n > 100000 then return nil end
  end
  while x ~= r do
    local p = redis.call('HGET', KEYS[1], x)
    if p ~= r then redis.call('HSET', KEYS[1], x, r) end
    x = p
  end
  return r
end
local ra = root(ARGV[1])
if not ra then return redis.error_reply('CHAIN group parent chain too long') end
if ARGV[2] == '' then return ra end
local rb = root(ARGV[2])
if not rb then return redis.error_reply('CHAIN group parent chain too long') end
if ra == rb then return ra end
local sa = tonumber(redis.call('HGET', KEYS[2], ra) or '0')
local sb = tonumber(redis.call('HGET', KEYS[2], rb) or '0')
if sb < sa then ra, rb = rb, ra end
redis.call('HSET', KEYS[1], rb, ra)
return ra`)

func (r *redisStore) Union(ctx context.Context, a, b string) (string, error) {
	s, err := unionScript.Run(ctx, r.c, []string{rp + "parent", rp + "order", rp + "meta"}, a, b).Text()
	if err != nil {
		if strings.HasPrefix(err.Error(), "LOST") {
			return "", fmt.Errorf("dedupe: redis union: %w", ErrIndexLost)
		}
		return "", fmt.Errorf("dedupe: redis union: %w", err)
	}
	return s, nil
}

func (r *redisStore) Root(ctx context.Context, cluster string) (string, error) {
	return r.Union(ctx, cluster, "")
}

func (r *redisStore) Len(ctx context.Context) (int, error) {
	n, err := r.c.Get(ctx, rp+"n").Int()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("dedupe: redis len: %w", err)
	}
	return n, nil
}

func (r *redisStore) Close() error {
	if err := r.c.Close(); err != nil {
		return fmt.Errorf("dedupe: redis close: %w", err)
	}
	return nil
}
