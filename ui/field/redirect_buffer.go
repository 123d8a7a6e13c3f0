package field

import (
	"strings"
	"unicode/utf8"

	"github.com/flexslot/flexslot-register/validate"
)

// lineBuffer is the redirect URI editor's text: its lines, the cursor (a row,
// and a column in runes) and the first row shown. It knows nothing of keys,
// styles or huh; each edit says what it changed, so that the editor checks
// only that.
type lineBuffer struct {
	lines    []string
	row, col int
	offset   int // first row shown
	height   int // rows shown at once
}

// change is what an edit did to the lines.
type change struct {
	changed bool
	// row is the first row whose text changed (or that rows were added after).
	row int
	// inserted is how many rows were added after row; negative when removed.
	inserted int
	// edited reports that row's own text changed.
	edited bool
}

// lineEdit is a change of row's text alone.
func lineEdit(row int) change { return change{changed: true, row: row, edited: true} }

// newLineBuffer holds lines (one empty line when there are none), the cursor
// at the end, where the user goes on typing.
func newLineBuffer(lines []string, height int) lineBuffer {
	b := lineBuffer{lines: append([]string(nil), lines...), height: height}
	if len(b.lines) == 0 {
		b.lines = []string{""}
	}
	b.moveTo(len(b.lines)-1, 1<<30)
	return b
}

// runes is the cursor's line.
func (b *lineBuffer) runes() []rune { return []rune(b.lines[b.row]) }

// moveTo puts the cursor on row (clamped) at col (clamped to the line), and
// scrolls to show it.
func (b *lineBuffer) moveTo(row, col int) {
	b.row = max(0, min(row, len(b.lines)-1))
	b.col = max(0, min(col, utf8.RuneCountInString(b.lines[b.row])))
	if b.row < b.offset {
		b.offset = b.row
	}
	if b.row >= b.offset+b.height {
		b.offset = b.row - b.height + 1
	}
}

// setHeight shows height rows at once, the cursor's among them.
func (b *lineBuffer) setHeight(height int) {
	if height != b.height {
		b.height = max(height, 1)
		b.moveTo(b.row, b.col)
	}
}

func (b *lineBuffer) up()       { b.moveTo(b.row-1, b.col) }
func (b *lineBuffer) down()     { b.moveTo(b.row+1, b.col) }
func (b *lineBuffer) pageUp()   { b.moveTo(b.row-b.height, b.col) }
func (b *lineBuffer) pageDown() { b.moveTo(b.row+b.height, b.col) }
func (b *lineBuffer) home()     { b.col = 0 }
func (b *lineBuffer) end()      { b.col = len(b.runes()) }

// left moves back a rune, or to the end of the line above.
func (b *lineBuffer) left() {
	switch {
	case b.col > 0:
		b.col--
	case b.row > 0:
		b.moveTo(b.row-1, 1<<30)
	}
}

// right moves on a rune, or to the start of the line below.
func (b *lineBuffer) right() {
	switch {
	case b.col < len(b.runes()):
		b.col++
	case b.row < len(b.lines)-1:
		b.moveTo(b.row+1, 0)
	}
}

// setLine replaces the cursor's line.
func (b *lineBuffer) setLine(text string) change {
	b.lines[b.row] = text
	return lineEdit(b.row)
}

// insert types text at the cursor.
func (b *lineBuffer) insert(text string) change {
	line := b.runes()
	c := b.setLine(string(line[:b.col]) + text + string(line[b.col:]))
	b.col += utf8.RuneCountInString(text)
	return c
}

// backspace deletes the rune before the cursor, or joins the line to the one
// above.
func (b *lineBuffer) backspace() change {
	line := b.runes()
	switch {
	case b.col > 0:
		c := b.setLine(string(line[:b.col-1]) + string(line[b.col:]))
		b.col--
		return c
	case b.row > 0:
		return b.joinWithPrevious()
	}
	return change{}
}

// deleteForward deletes the rune under the cursor, or joins the next line.
func (b *lineBuffer) deleteForward() change {
	line := b.runes()
	switch {
	case b.col < len(line):
		return b.setLine(string(line[:b.col]) + string(line[b.col+1:]))
	case b.row < len(b.lines)-1:
		b.moveTo(b.row+1, 0)
		return b.joinWithPrevious()
	}
	return change{}
}

// deleteBefore deletes from the start of the line to the cursor (ctrl+u).
func (b *lineBuffer) deleteBefore() change {
	c := b.setLine(string(b.runes()[b.col:]))
	b.col = 0
	return c
}

// deleteAfter deletes from the cursor to the end of the line (ctrl+k).
func (b *lineBuffer) deleteAfter() change { return b.setLine(string(b.runes()[:b.col])) }

// uriSeparators end a word of a URI for deleteWord.
const uriSeparators = "/:.?&=#"

// deleteWord deletes the part of the URI before the cursor: back over
// separators, then to the previous one.
func (b *lineBuffer) deleteWord() change {
	line := b.runes()
	start := b.col
	for start > 0 && strings.ContainsRune(uriSeparators, line[start-1]) {
		start--
	}
	for start > 0 && !strings.ContainsRune(uriSeparators, line[start-1]) {
		start--
	}
	c := b.setLine(string(line[:start]) + string(line[b.col:]))
	b.col = start
	return c
}

// atEmptyLastLine reports the end of a list: the cursor on an empty last line
// below other lines.
func (b *lineBuffer) atEmptyLastLine() bool {
	return b.lines[b.row] == "" && b.row == len(b.lines)-1 && len(b.lines) > 1
}

// split breaks the line at the cursor (enter).
func (b *lineBuffer) split() change {
	line := b.runes()
	row := b.row
	rest := string(line[b.col:])
	edited := rest != ""
	b.lines[row] = string(line[:b.col])
	b.lines = append(b.lines[:row+1], append([]string{rest}, b.lines[row+1:]...)...)
	b.moveTo(row+1, 0)
	return change{changed: true, row: row, inserted: 1, edited: edited}
}

// joinWithPrevious appends the cursor's line to the one above.
func (b *lineBuffer) joinWithPrevious() change {
	row := b.row - 1
	prev := b.lines[row]
	b.lines[row] = prev + b.lines[b.row]
	b.lines = append(b.lines[:b.row], b.lines[b.row+1:]...)
	b.moveTo(row, utf8.RuneCountInString(prev))
	return change{changed: true, row: row, inserted: -1, edited: true}
}

// paste inserts text at the cursor; several URIs in it (by line, space or
// comma) go on lines of their own. Control characters are dropped.
func (b *lineBuffer) paste(text string) change {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	entries := validate.SplitRedirectURIs(text)
	if len(entries) <= 1 && !strings.Contains(text, "\n") {
		return b.insert(strings.Map(func(r rune) rune {
			if isControl(r) {
				return -1
			}
			return r
		}, text))
	}
	pasted := validate.URIs(entries)
	if len(pasted) == 0 {
		return change{}
	}
	line := b.runes()
	row := b.row
	pasted[0] = string(line[:b.col]) + pasted[0]
	last := len(pasted) - 1
	col := utf8.RuneCountInString(pasted[last])
	pasted[last] += string(line[b.col:])
	b.lines = append(b.lines[:row], append(pasted, b.lines[row+1:]...)...)
	b.moveTo(row+last, col)
	return change{changed: true, row: row, inserted: last, edited: true}
}

// entryRows maps list index to row: the rows that hold a URI.
func (b *lineBuffer) entryRows() []int {
	var rows []int
	for i, line := range b.lines {
		if line != "" {
			rows = append(rows, i)
		}
	}
	return rows
}
