package build

import (
	"runtime"
	"sync"

	"colophon/internal/pdf"
	"colophon/internal/typeset"
)

// writeHandouts makes each document's handout on A4 and US Letter, and the whole edition as a
// saddle-stitched booklet on both.
func writeHandouts(r *Resources, files *Files) error {
	b := r.Edition
	fonts, err := r.Fonts()
	if err != nil {
		return err
	}
	// Every handout is a PDF of its own; they are made on all cores and written as soon as each is
	// made (a large edition has thousands). The outputs are listed by path afterwards, so their
	// order does not depend on which finishes first.
	sheets := []string{"a4", "letter"}
	// The booklets are drawn last, but the book the A4 booklet imposes is usually the book the PDF
	// writer is setting now: take it while it is there rather than set it again at the end.
	type booked struct {
		bk  *typeset.Book
		err error
	}
	// setBook sets a booklet's book on a goroutine of its own, inside the recover boundary.
	setBook := func(sheet string) <-chan booked {
		c := make(chan booked, 1)
		go func() {
			var bk *typeset.Book
			err := guard("setting the "+sheet+" booklet of "+b.Dir, func() (err error) {
				bk, err = r.BookAt(typeset.BookletSheets[sheet].Trim, 0)
				return err
			})
			c <- booked{bk, err}
		}()
		return c
	}
	first := setBook("a4")
	err = parallel(len(b.Documents), func(i int) string { return "making the handouts of " + b.Documents[i].Path }, func(i int) error {
		d := b.Documents[i]
		var key handoutKey
		cached := false
		if r.handouts != nil {
			if key, cached = r.handouts.key(r, i); cached {
				if outs := r.handouts.take(key); outs != nil {
					for _, o := range outs {
						if err := files.Put(o); err != nil {
							return err
						}
					}
					return nil
				}
			}
		}
		bks, err := typeset.TypesetHandouts(b, i, sheets, fonts, r.Hyphenators())
		if err != nil {
			return err
		}
		var outs []Output
		for k, bk := range bks {
			data, err := pdf.Book(b, bk, pdf.Meta{Title: d.TitleText()}, r.PDF())
			if err != nil {
				return err
			}
			o := Output{Path: "handouts/" + d.ID + "-" + sheets[k] + ".pdf", MediaType: "application/pdf", Parts: data, Pages: len(bk.Pages)}
			outs = append(outs, o)
			if err := files.Put(o); err != nil {
				return err
			}
		}
		if cached {
			r.handouts.put(key, outs)
		}
		return nil
	})
	got := <-first
	if err != nil {
		return err
	}
	// The Letter booklet's book is set and its booklet drawn while the A4 booklet is drawn: by
	// now the handouts are made and the other writers mostly done, and drawing one booklet keeps
	// one core busy. Nothing goes on once the writer has returned, on an error too.
	booklet := func(sheet string, bk *typeset.Book) (pdf.File, int, error) {
		sides := typeset.Impose(bk, sheet)
		data, err := pdf.Booklet(b, bk, sides, r.PDF())
		return data, len(sides), err
	}
	type drawn struct {
		data  pdf.File
		sides int
		err   error
	}
	drawing := make(chan drawn, 1)
	go func() {
		var d drawn
		d.err = guard("setting and drawing the letter booklet of "+b.Dir, func() error {
			bk, err := r.BookAt(typeset.BookletSheets["letter"].Trim, 0)
			if err != nil {
				return err
			}
			d.data, d.sides, err = booklet("letter", bk)
			return err
		})
		drawing <- d
	}()
	letter := sync.OnceValue(func() drawn { return <-drawing })
	defer letter()
	if got.err != nil {
		return got.err
	}
	a4, sides, err := booklet("a4", got.bk)
	got.bk = nil // the A4 book is let go once its booklet is drawn
	if err != nil {
		return err
	}
	if err := files.Put(Output{Path: "handouts/" + b.Name + "-booklet-a4.pdf", MediaType: "application/pdf", Parts: a4, Pages: sides}); err != nil {
		return err
	}
	l := letter()
	if l.err != nil {
		return l.err
	}
	return files.Put(Output{Path: "handouts/" + b.Name + "-booklet-letter.pdf", MediaType: "application/pdf", Parts: l.data, Pages: l.sides})
}

// parallel runs fn(0) … fn(n-1) on as many goroutines as there are cores and returns the first
// error by index, so that which error is reported does not depend on timing. Each runs inside
// the recover boundary (recover.go), stage(k) saying what it works on.
func parallel(n int, stage func(int) string, fn func(int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				errs[k] = guard(stage(k), func() error { return fn(k) })
			}
		}()
	}
	for k := 0; k < n; k++ {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
