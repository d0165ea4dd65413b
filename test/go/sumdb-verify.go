// Command sumdb-verify checks OneTrip ledger checkpoints, inclusion and consistency proofs
// and tiles with the Go checksum database's own verifier, golang.org/x/mod/sumdb/note and
// golang.org/x/mod/sumdb/tlog, so the ledger stays readable by Go's tooling (issue #11).
//
// It reads one JSON document (a file named as the only argument, or stdin):
//
//	{
//	  "verifierKey": "<name>+<hex id>+<base64 key>",   // as note.NewVerifier takes it
//	  "origin": "<origin>",                             // optional; default: the key's name
//	  "checkpoints": [{"id": "old", "note": "<signed note>", "expect": "valid"}],
//	  "inclusion":   [{"id": "e0", "checkpoint": "old", "index": 0,
//	                   "leaf": "<base64 entry bytes>", "leafHash": "<base64>",
//	                   "proof": ["<base64>", ...], "expect": "valid"}],
//	  "consistency": [{"id": "c", "from": "old", "to": "new",
//	                   "proof": ["<base64>", ...], "expect": "valid"}],
//	  "tileReads":   [{"id": "t", "checkpoint": "new",
//	                   "tiles": {"tile/0/000.p/5": "<base64 tile bytes>"},  // C2SP tlog-tiles paths
//	                   "leaves": [{"index": 0, "leaf": "<base64 entry bytes>"}], "expect": "valid"}]
//	}
//
// Every case says whether it must be "valid" or "reject"ed. An inclusion case gives the entry
// bytes (hashed here with tlog.RecordHash, SHA-256(0x00||entry)), its leaf hash, or both
// (which must then agree). A case that names a checkpoint uses the size and root of that
// checkpoint as opened here; a checkpoint that did not open fails the case. A tile read
// fetches each leaf's stored hash from the case's tiles through tlog.TileHashReader, which
// should check every tile it reads against the checkpoint's root, and compares it with
// RecordHash of the entry. TileHashReader in x/mod before v0.40.0 (Debian's 0.7.0 among them)
// leaves some full tiles unchecked (GO-2026-6179, CVE-2026-56865), so each leaf is also proved
// from the tiles: tlog.ProveRecord through the same reader, then tlog.CheckRecord against the
// root, which covers every hash of the leaf's tiles.
//
// It prints {"ok": ..., "results": [...]} and exits 0 when every case came out as expected,
// 1 when one did not, 2 when the input cannot be read.
//
// Run it offline with Debian's golang-go and golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go run test/go/sumdb-verify.go cases.json
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	VerifierKey string            `json:"verifierKey"`
	Origin      string            `json:"origin"`
	Checkpoints []checkpointCase  `json:"checkpoints"`
	Inclusion   []inclusionCase   `json:"inclusion"`
	Consistency []consistencyCase `json:"consistency"`
	TileReads   []tileReadCase    `json:"tileReads"`
}

type checkpointCase struct {
	ID     string `json:"id"`
	Note   string `json:"note"`
	Expect string `json:"expect"`
}

type inclusionCase struct {
	ID         string   `json:"id"`
	Checkpoint string   `json:"checkpoint"`
	Index      int64    `json:"index"`
	Leaf       *string  `json:"leaf"`
	LeafHash   *string  `json:"leafHash"`
	Proof      []string `json:"proof"`
	Expect     string   `json:"expect"`
}

type consistencyCase struct {
	ID     string   `json:"id"`
	From   string   `json:"from"`
	To     string   `json:"to"`
	Proof  []string `json:"proof"`
	Expect string   `json:"expect"`
}

type tileLeaf struct {
	Index int64  `json:"index"`
	Leaf  string `json:"leaf"`
}

type tileReadCase struct {
	ID         string            `json:"id"`
	Checkpoint string            `json:"checkpoint"`
	Tiles      map[string]string `json:"tiles"`
	Leaves     []tileLeaf        `json:"leaves"`
	Expect     string            `json:"expect"`
}

type result struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Expect  string `json:"expect"`
	Outcome string `json:"outcome"`
	Error   string `json:"error,omitempty"`
	Origin  string `json:"origin,omitempty"`
	Size    *int64 `json:"size,omitempty"`
	Root    string `json:"root,omitempty"`
}

type output struct {
	OK      bool     `json:"ok"`
	Results []result `json:"results"`
}

// A checkpoint body per C2SP tlog-checkpoint: origin, decimal size, base64 root, then
// optional extension lines. tlog.ParseTree reads the go.sum form ("go.sum database tree"
// header) instead, so the body is parsed here.
type checkpoint struct {
	origin string
	tree   tlog.Tree
}

func parseCheckpoint(text string) (checkpoint, error) {
	if !strings.HasSuffix(text, "\n") {
		return checkpoint{}, errors.New("checkpoint body does not end in a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, errors.New("checkpoint body has fewer than three lines")
	}
	origin, sizeText, rootText := lines[0], lines[1], lines[2]
	if origin == "" {
		return checkpoint{}, errors.New("checkpoint origin is empty")
	}
	if sizeText == "" || (len(sizeText) > 1 && sizeText[0] == '0') || strings.TrimLeft(sizeText, "0123456789") != "" {
		return checkpoint{}, fmt.Errorf("checkpoint size %q is not a canonical decimal", sizeText)
	}
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint size: %v", err)
	}
	root, err := decodeHash(rootText)
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint root: %v", err)
	}
	for _, ext := range lines[3:] {
		if ext == "" {
			return checkpoint{}, errors.New("checkpoint has an empty extension line")
		}
	}
	return checkpoint{origin: origin, tree: tlog.Tree{N: size, Hash: root}}, nil
}

func decodeHash(text string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.Strict().DecodeString(text)
	if err != nil {
		return h, err
	}
	if len(b) != tlog.HashSize {
		return h, fmt.Errorf("%d bytes, not %d", len(b), tlog.HashSize)
	}
	copy(h[:], b)
	return h, nil
}

func decodeHashes(texts []string) ([]tlog.Hash, error) {
	hashes := make([]tlog.Hash, len(texts))
	for i, t := range texts {
		h, err := decodeHash(t)
		if err != nil {
			return nil, fmt.Errorf("proof hash %d: %v", i, err)
		}
		hashes[i] = h
	}
	return hashes, nil
}

// tileReader serves the tiles given in the input. Go names a hash tile
// tile/<H>/<L>/<N>[.p/<W>]; C2SP tlog-tiles has no height element and fixes H at 8.
type tileReader struct{ tiles map[string][]byte }

func (r tileReader) Height() int { return 8 }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := "tile/" + strings.TrimPrefix(t.Path(), "tile/8/")
		b, ok := r.tiles[path]
		if !ok {
			return nil, fmt.Errorf("tile %s was not supplied", path)
		}
		data[i] = b
	}
	return data, nil
}

func (r tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func outcome(err error) (string, string) {
	if err != nil {
		return "rejected", err.Error()
	}
	return "valid", ""
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sumdb-verify:", err)
		os.Exit(2)
	}
}

func run() error {
	var raw []byte
	var err error
	switch len(os.Args) {
	case 1:
		raw, err = io.ReadAll(os.Stdin)
	case 2:
		raw, err = os.ReadFile(os.Args[1])
	default:
		return errors.New("usage: sumdb-verify [cases.json]")
	}
	if err != nil {
		return err
	}
	var in input
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return fmt.Errorf("reading the cases: %v", err)
	}
	verifier, err := note.NewVerifier(in.VerifierKey)
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	origin := in.Origin
	if origin == "" {
		origin = verifier.Name()
	}

	out := output{OK: true}
	add := func(r result) {
		if r.Expect != "valid" && r.Expect != "reject" {
			r.Error = fmt.Sprintf("expect must be \"valid\" or \"reject\", not %q; %s", r.Expect, r.Error)
			out.OK = false
		} else if (r.Expect == "valid") != (r.Outcome == "valid") {
			out.OK = false
		}
		out.Results = append(out.Results, r)
	}

	opened := map[string]tlog.Tree{}
	treeOf := func(id string) (tlog.Tree, error) {
		t, ok := opened[id]
		if !ok {
			return t, fmt.Errorf("checkpoint %q did not open", id)
		}
		return t, nil
	}

	for _, c := range in.Checkpoints {
		r := result{Kind: "checkpoint", ID: c.ID, Expect: c.Expect}
		n, err := note.Open([]byte(c.Note), note.VerifierList(verifier))
		var cp checkpoint
		if err == nil {
			cp, err = parseCheckpoint(n.Text)
		}
		if err == nil && cp.origin != origin {
			err = fmt.Errorf("checkpoint origin %q is not %q", cp.origin, origin)
		}
		r.Outcome, r.Error = outcome(err)
		if err == nil {
			if _, dup := opened[c.ID]; dup {
				return fmt.Errorf("two checkpoints have the id %q", c.ID)
			}
			opened[c.ID] = cp.tree
			size := cp.tree.N
			r.Origin, r.Size, r.Root = cp.origin, &size, cp.tree.Hash.String()
		}
		add(r)
	}

	for _, c := range in.Inclusion {
		r := result{Kind: "inclusion", ID: c.ID, Expect: c.Expect}
		err := func() error {
			tree, err := treeOf(c.Checkpoint)
			if err != nil {
				return err
			}
			if c.Leaf == nil && c.LeafHash == nil {
				return errors.New("neither leaf nor leafHash given")
			}
			var leaf tlog.Hash
			if c.Leaf != nil {
				b, err := base64.StdEncoding.Strict().DecodeString(*c.Leaf)
				if err != nil {
					return fmt.Errorf("leaf: %v", err)
				}
				leaf = tlog.RecordHash(b)
			}
			if c.LeafHash != nil {
				h, err := decodeHash(*c.LeafHash)
				if err != nil {
					return fmt.Errorf("leafHash: %v", err)
				}
				if c.Leaf != nil && h != leaf {
					return fmt.Errorf("leafHash %v is not RecordHash(leaf) %v", h, leaf)
				}
				leaf = h
			}
			proof, err := decodeHashes(c.Proof)
			if err != nil {
				return err
			}
			return tlog.CheckRecord(tlog.RecordProof(proof), tree.N, tree.Hash, c.Index, leaf)
		}()
		r.Outcome, r.Error = outcome(err)
		add(r)
	}

	for _, c := range in.Consistency {
		r := result{Kind: "consistency", ID: c.ID, Expect: c.Expect}
		err := func() error {
			from, err := treeOf(c.From)
			if err != nil {
				return err
			}
			to, err := treeOf(c.To)
			if err != nil {
				return err
			}
			proof, err := decodeHashes(c.Proof)
			if err != nil {
				return err
			}
			return tlog.CheckTree(tlog.TreeProof(proof), to.N, to.Hash, from.N, from.Hash)
		}()
		r.Outcome, r.Error = outcome(err)
		add(r)
	}

	for _, c := range in.TileReads {
		r := result{Kind: "tiles", ID: c.ID, Expect: c.Expect}
		err := func() error {
			tree, err := treeOf(c.Checkpoint)
			if err != nil {
				return err
			}
			if len(c.Leaves) == 0 {
				return errors.New("no leaves to read")
			}
			tiles := map[string][]byte{}
			for path, text := range c.Tiles {
				b, err := base64.StdEncoding.Strict().DecodeString(text)
				if err != nil {
					return fmt.Errorf("tile %s: %v", path, err)
				}
				tiles[path] = b
			}
			indexes := make([]int64, len(c.Leaves))
			want := make([]tlog.Hash, len(c.Leaves))
			for i, l := range c.Leaves {
				b, err := base64.StdEncoding.Strict().DecodeString(l.Leaf)
				if err != nil {
					return fmt.Errorf("leaf %d: %v", l.Index, err)
				}
				indexes[i] = tlog.StoredHashIndex(0, l.Index)
				want[i] = tlog.RecordHash(b)
			}
			reader := tlog.TileHashReader(tree, tileReader{tiles})
			got, err := reader.ReadHashes(indexes)
			if err != nil {
				return err
			}
			for i, l := range c.Leaves {
				if got[i] != want[i] {
					return fmt.Errorf("the tiles hold %v for entry %d, not RecordHash(entry) %v",
						got[i], l.Index, want[i])
				}
				proof, err := tlog.ProveRecord(tree.N, l.Index, reader)
				if err != nil {
					return fmt.Errorf("proving entry %d from the tiles: %v", l.Index, err)
				}
				if err := tlog.CheckRecord(proof, tree.N, tree.Hash, l.Index, want[i]); err != nil {
					return fmt.Errorf("entry %d proved from the tiles: %v", l.Index, err)
				}
			}
			return nil
		}()
		r.Outcome, r.Error = outcome(err)
		add(r)
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if !out.OK {
		os.Exit(1)
	}
	return nil
}
