package build

import (
	"sync"
)

// Writer makes one kind of output. It reads its inputs — the model, the typeset books it needs and
// the build's shared resources — through Resources' accessors, and puts each file it makes into
// Files as soon as it is made (a large edition's handouts are thousands of files, never all held
// at once). Writers never see Markdown, and they are independent of each other except through
// Resources.
type Writer struct {
	Name string // what --only calls it: epub, pdf, handouts, covers, print, library, web
	// After marks a writer that starts once the others are done: the library records and the
	// web edition, which list every file written before them (Files.Before). They run side by
	// side, each waiting in Before for the writers before it. The printer's files are not After:
	// their interior shares the print book the PDF writer sets (print.go), so it is made once.
	After bool
	// Folder, when set, is the folder all of the writer's outputs go in (the web edition's
	// web/): its progress is one line for the folder, not one per file.
	Folder string
	Write  func(r *Resources, files *Files) error
}

// All are the writers of every output, in build order. The files each makes are listed in the
// README's "Outputs"; each writer's own file in this folder says how it makes them.
var All = []Writer{
	{Name: "epub", Write: writeEPUB},                            // ebook.go
	{Name: "pdf", Write: writeBook},                             // book.go
	{Name: "handouts", Write: writeHandouts},                    // handouts.go
	{Name: "covers", Write: writeCovers},                        // covers.go
	{Name: "print", Write: writePrint},                          // print.go
	{Name: "library", After: true, Write: writeLibrary},         // library.go
	{Name: "web", After: true, Folder: "web/", Write: writeWeb}, // web.go
}

// Kinds are the output kinds --only accepts, in build order.
var Kinds = names(All)

func names(ws []Writer) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return out
}

// Files are where one writer puts the files it makes. Each is written into the new build folder
// at once, with its size and checksum recorded and its bytes let go. Put may be called from
// several goroutines.
type Files struct {
	stage *stage
	mu    sync.Mutex
	outs  []Output
	// before gives the outputs of the writers before this one (Before); nil for the writers
	// that run side by side first.
	before func() []Output
}

// Before waits for the writers before this one to finish and gives their outputs, by path. Only
// a writer that runs after the others (Writer.After) has writers before it.
func (f *Files) Before() []Output {
	if f.before == nil {
		return nil
	}
	return f.before()
}

// Put writes one output.
func (f *Files) Put(o Output) error {
	if err := f.stage.put(&o); err != nil {
		return err
	}
	f.mu.Lock()
	f.outs = append(f.outs, o)
	f.mu.Unlock()
	return nil
}

// all are the outputs put so far.
func (f *Files) all() []Output {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.outs
}
