package validate

import (
	"fmt"
	"slices"
)

// RedirectLines checks an editor's lines of redirect URIs as they change. After
// one line is edited (SetLine), only that line is parsed, and only the lines
// that hold the same URI, or one of the same near-duplicate shape, are looked
// at again: a keystroke costs the same with one URI or a thousand. Its
// problems are the ones RedirectURIs gives for the same lines, blank lines
// skipped, each at Line row+1. The zero value is an empty list; it is not safe
// for concurrent use.
type RedirectLines struct {
	lines    []string
	checked  []checkedURI
	problems []Problem // per row; an empty Message is no problem
	// exact holds the rows of each valid URI, in order; near holds, by shape,
	// the rows that are the first of their exact group, in order.
	exact, near              map[string][]int
	entries, errors, warning int
	// memo remembers each URI's check, so a line typed back to what it was
	// is not parsed again.
	memo map[string]checkedURI
}

// maxMemo bounds what RedirectLines remembers; past it, it starts afresh.
const maxMemo = 4096

// Reset checks lines afresh: after lines were added or removed.
func (l *RedirectLines) Reset(lines []string) {
	l.lines = slices.Clone(lines)
	l.checked = make([]checkedURI, len(lines))
	l.problems = make([]Problem, len(lines))
	l.exact = map[string][]int{}
	l.near = map[string][]int{}
	l.entries, l.errors, l.warning = 0, 0, 0
	for row := range l.lines {
		l.checked[row] = l.check(l.lines[row])
		l.add(row, nil)
	}
	for row := range l.lines {
		l.refresh(row)
	}
}

// SetLine changes the text of one line and checks what that changes.
func (l *RedirectLines) SetLine(row int, text string) {
	if l.lines[row] == text {
		return
	}
	affected := map[int]bool{}
	l.remove(row, affected)
	l.lines[row] = text
	l.checked[row] = l.check(text)
	l.add(row, affected)
	affected[row] = true
	for r := range affected {
		l.refresh(r)
	}
}

// Problem returns the problem of a line; its Message is "" when there is none.
// Its Index is not kept (0).
func (l *RedirectLines) Problem(row int) Problem { return l.problems[row] }

// ListProblem is the problem of the list as a whole, or "".
func (l *RedirectLines) ListProblem() string {
	if l.entries == 0 {
		return "Add at least one redirect URI."
	}
	return ""
}

// Counts returns how many lines hold a URI, and how many of those have an
// error or a warning.
func (l *RedirectLines) Counts() (entries, errors, warnings int) {
	return l.entries, l.errors, l.warning
}

// URIs returns the URIs in order, blank lines left out.
func (l *RedirectLines) URIs() []string {
	uris := make([]string, 0, l.entries)
	for _, line := range l.lines {
		if line != "" {
			uris = append(uris, line)
		}
	}
	return uris
}

func (l *RedirectLines) check(uri string) checkedURI {
	if uri == "" {
		return checkedURI{}
	}
	if got, ok := l.memo[uri]; ok {
		return got
	}
	if l.memo == nil || len(l.memo) >= maxMemo {
		l.memo = make(map[string]checkedURI)
	}
	got := checkURI(uri)
	l.memo[uri] = got
	return got
}

// add puts a row into its groups, marking the rows whose problem may change.
func (l *RedirectLines) add(row int, affected map[int]bool) {
	text, c := l.lines[row], l.checked[row]
	if text == "" {
		return
	}
	l.entries++
	if c.err != nil {
		return
	}
	group := insertSorted(l.exact[text], row)
	l.exact[text] = group
	mark(affected, group)
	if group[0] != row {
		return
	}
	key := c.shape.key
	if len(group) > 1 {
		l.near[key] = deleteValue(l.near[key], group[1]) // no longer the first of its group
	}
	l.near[key] = insertSorted(l.near[key], row)
	mark(affected, l.near[key])
}

// remove takes a row out of its groups, marking the rows whose problem may
// change.
func (l *RedirectLines) remove(row int, affected map[int]bool) {
	text, c := l.lines[row], l.checked[row]
	if text == "" {
		return
	}
	l.entries--
	if c.err != nil {
		return
	}
	group := l.exact[text]
	wasFirst := group[0] == row
	group = deleteValue(group, row)
	if len(group) == 0 {
		delete(l.exact, text)
	} else {
		l.exact[text] = group
	}
	mark(affected, group)
	if !wasFirst {
		return
	}
	key := c.shape.key
	near := deleteValue(l.near[key], row)
	if len(group) > 0 {
		near = insertSorted(near, group[0]) // the next one is the first now
	}
	if len(near) == 0 {
		delete(l.near, key)
	} else {
		l.near[key] = near
	}
	mark(affected, near)
}

// refresh works out a row's problem from its groups, as RedirectURIs would.
func (l *RedirectLines) refresh(row int) {
	old := l.problems[row]
	p := Problem{Line: row + 1, URI: l.lines[row]}
	c := l.checked[row]
	switch {
	case p.URI == "":
	case c.err != nil:
		p.Message = c.err.Error()
	case l.exact[p.URI][0] != row:
		p.Message = fmt.Sprintf("%s repeats %s: keep one of them.", lineName(row+1), lineName(l.exact[p.URI][0]+1))
	case l.near[c.shape.key][0] != row:
		first := l.near[c.shape.key][0]
		p.Message = fmt.Sprintf("%s differs from %s only by %s; the server matches byte for byte, so both are kept as different URIs.",
			lineName(row+1), lineName(first+1), c.shape.difference(l.checked[first].shape))
		p.Warning = true
	}
	if p.Message == "" {
		p = Problem{}
	}
	l.count(old, -1)
	l.count(p, 1)
	l.problems[row] = p
}

func (l *RedirectLines) count(p Problem, by int) {
	switch {
	case p.Message == "":
	case p.Warning:
		l.warning += by
	default:
		l.errors += by
	}
}

func mark(affected map[int]bool, rows []int) {
	if affected == nil {
		return
	}
	for _, r := range rows {
		affected[r] = true
	}
}

func insertSorted(rows []int, row int) []int {
	i, _ := slices.BinarySearch(rows, row)
	return slices.Insert(rows, i, row)
}

func deleteValue(rows []int, row int) []int {
	if i, ok := slices.BinarySearch(rows, row); ok {
		return slices.Delete(rows, i, i+1)
	}
	return rows
}
