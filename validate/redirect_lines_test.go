package validate

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// want is what RedirectURIs says of lines, by row.
func want(lines []string) (map[int]Problem, string) {
	var entries []RedirectEntry
	for i, line := range lines {
		if line != "" {
			entries = append(entries, RedirectEntry{Line: i + 1, URI: line})
		}
	}
	byRow := map[int]Problem{}
	list := ""
	for _, p := range RedirectURIs(entries) {
		if p.Line == 0 {
			list = p.Message
			continue
		}
		p.Index = 0
		byRow[p.Line-1] = p
	}
	return byRow, list
}

// agree fails unless l says of every line what RedirectURIs says.
func agree(t *testing.T, l *RedirectLines, lines []string, step string) {
	t.Helper()
	byRow, list := want(lines)
	errs, warns := 0, 0
	for row := range lines {
		got, exp := l.Problem(row), byRow[row]
		if got != exp {
			t.Fatalf("%s: line %d %q:\n got  %+v\n want %+v\nlines %q", step, row+1, lines[row], got, exp, lines)
		}
		switch {
		case exp.Message == "":
		case exp.Warning:
			warns++
		default:
			errs++
		}
	}
	if l.ListProblem() != list {
		t.Fatalf("%s: list problem %q, want %q", step, l.ListProblem(), list)
	}
	entries, gotErrs, gotWarns := l.Counts()
	if gotErrs != errs || gotWarns != warns || entries != len(l.URIs()) {
		t.Fatalf("%s: counts %d %d %d, want errors %d warnings %d", step, entries, gotErrs, gotWarns, errs, warns)
	}
}

func TestRedirectLinesAgreesWithRedirectURIs(t *testing.T) {
	pool := []string{
		"", "https://a.example/cb", "https://a.example/cb/", "https://a.example:443/cb", "HTTPS://a.example/cb",
		"http://127.0.0.1:8765/cb", "http://a.example/cb", "com.example.app:/cb", "https://b.example/cb", "https://b.example/cb#x",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for run := range 200 {
		lines := make([]string, 1+rng.IntN(8))
		for i := range lines {
			lines[i] = pool[rng.IntN(len(pool))]
		}
		var l RedirectLines
		l.Reset(lines)
		agree(t, &l, lines, "reset")
		for step := range 30 {
			row := rng.IntN(len(lines))
			lines[row] = pool[rng.IntN(len(pool))]
			l.SetLine(row, lines[row])
			agree(t, &l, lines, "run "+strconv.Itoa(run)+" step "+strconv.Itoa(step))
		}
	}
}

func TestRedirectLinesExamples(t *testing.T) {
	var l RedirectLines
	l.Reset([]string{"https://a.example/cb", "", "https://a.example/cb"})
	if p := l.Problem(2); p.Message != "Line 3 repeats Line 1: keep one of them." {
		t.Errorf("duplicate: %+v", p)
	}
	l.SetLine(0, "https://a.example/cb/")
	if p := l.Problem(2); !p.Warning || p.Message != "Line 3 differs from Line 1 only by a trailing slash; the server matches byte for byte, so both are kept as different URIs." {
		t.Errorf("after the edit, line 3: %+v", p)
	}
	l.SetLine(0, "")
	l.SetLine(2, "")
	if l.ListProblem() != "Add at least one redirect URI." {
		t.Errorf("empty list: %q", l.ListProblem())
	}
}

// BenchmarkRedirectLinesSetLine shows that an edit costs the same whatever the
// length of the list.
func BenchmarkRedirectLinesSetLine(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		lines := make([]string, n)
		for i := range lines {
			lines[i] = "https://app" + strconv.Itoa(i) + ".decktracker.example/oauth/callback"
		}
		var l RedirectLines
		l.Reset(lines)
		last := lines[n-1]
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			for i := range b.N {
				if i%2 == 0 {
					l.SetLine(n-1, last+"x")
				} else {
					l.SetLine(n-1, last)
				}
			}
		})
	}
}
