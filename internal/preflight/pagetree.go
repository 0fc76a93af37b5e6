package preflight

import (
	"errors"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A leaf of the page tree, with the attributes it inherits from the nodes above it.
type leaf struct {
	dict      types.Dict
	media     [4]float64
	hasMedia  bool
	resources types.Dict
}

// maxTreeDepth bounds the page tree's nesting: a balanced tree of a million pages is a few levels
// deep, and a deeper one is made to exhaust a reader.
const maxTreeDepth = 64

// pageTree walks the page tree once, in page order, and calls visit for each page (from 1) with
// what it inherits, until visit returns false or limit pages have been seen. pdfcpu's
// PageDict(n) walks the tree from the root for every page it is asked for — in a flat tree
// (colophon's, and most writers') that is n kids read for page n, so checking every page of a
// 600-page printer's file read the page objects 180,000 times: a fifth of a 1,000-document
// build. An error is the damage that stopped the walk; the pages visited before it are good.
func (c *checker) pageTree(limit int, visit func(n int, p leaf) bool) error {
	root, err := c.x.Pages()
	if err != nil {
		return err
	}
	if root == nil {
		return errors.New("the catalog has no page tree")
	}
	n := 0
	onPath := map[int]bool{}
	stopped := errors.New("stopped")
	var walk func(ref types.IndirectRef, inh leaf, depth int) error
	walk = func(ref types.IndirectRef, inh leaf, depth int) error {
		if depth > maxTreeDepth {
			return fmt.Errorf("the page tree is more than %d levels deep", maxTreeDepth)
		}
		nr := ref.ObjectNumber.Value()
		d, err := c.x.DereferenceDict(ref)
		if err != nil {
			return err
		}
		if d == nil {
			return fmt.Errorf("page tree node %d 0 R is not a dictionary", nr)
		}
		if err := c.inherit(d, &inh); err != nil {
			return fmt.Errorf("page tree node %d 0 R: %w", nr, err)
		}
		kind := ""
		if t := d.Type(); t != nil {
			kind = *t
		} else if _, count := d.Find("Count"); count {
			if _, kids := d.Find("Kids"); kids {
				kind = "Pages" // a node that lost its /Type, read as pdfcpu's relaxed mode does
			}
		}
		switch kind {
		case "Page":
			if n >= limit {
				return stopped
			}
			n++
			inh.dict = d
			if !visit(n, inh) {
				return stopped
			}
			return nil
		case "Pages":
		default:
			return nil // not a page: skipped, as pdfcpu's relaxed reading does
		}
		if onPath[nr] {
			return fmt.Errorf("the page tree loops back to node %d 0 R", nr)
		}
		onPath[nr] = true
		defer delete(onPath, nr)
		kids, err := c.x.DereferenceArray(d["Kids"])
		if err != nil {
			return fmt.Errorf("page tree node %d 0 R: its Kids: %w", nr, err)
		}
		for _, k := range kids {
			if k == nil {
				continue
			}
			kr, ok := k.(types.IndirectRef)
			if !ok {
				return fmt.Errorf("page tree node %d 0 R: a kid that is not a reference", nr)
			}
			if err := walk(kr, inh, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(*root, leaf{}, 0); err != nil && err != stopped {
		return err
	}
	return nil
}

// inherit takes a node's MediaBox and Resources over those of the nodes above it.
func (c *checker) inherit(d types.Dict, inh *leaf) error {
	if o, ok := d.Find("MediaBox"); ok {
		arr, err := c.x.DereferenceArray(o)
		if err != nil || len(arr) != 4 {
			return fmt.Errorf("a MediaBox that is not four numbers")
		}
		for i, v := range arr {
			f, err := c.x.DereferenceNumber(v)
			if err != nil {
				return fmt.Errorf("a MediaBox that is not four numbers")
			}
			inh.media[i] = f
		}
		inh.hasMedia = true
	}
	if o, ok := d.Find("Resources"); ok {
		r, err := c.x.DereferenceDict(o)
		if err != nil {
			return fmt.Errorf("its Resources: %w", err)
		}
		inh.resources = r
	}
	return nil
}
