package cli

import (
	"errors"
	"strings"
	"testing"
)

// TestPanicReport: a runtime error is named; any other value only by its
// type, since it could hold the secret; the stack is the panic's.
func TestPanicReport(t *testing.T) {
	const secret = "s3cr3tXYZ"
	report := func(f func()) (out string) {
		defer func() { out = PanicReport(recover()) }()
		f()
		return ""
	}
	var nilMap map[string]int
	tests := []struct {
		name       string
		f          func()
		want, lack string
	}{
		{"a runtime error", func() { var s []int; _ = s[len(nilMap)+1] }, "index out of range", ""},
		{"a string", func() { panic("boom: " + secret) }, "a panic of type string", secret},
		{"an error", func() { panic(errors.New(secret)) }, "a panic of type *errors.errorString", secret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := report(tt.f)
			if !strings.HasPrefix(got, "internal error (a bug: please report it with the lines below): ") ||
				!strings.Contains(got, tt.want) || (tt.lack != "" && strings.Contains(got, tt.lack)) || !strings.Contains(got, "TestPanicReport") {
				t.Errorf("report:\n%s", got)
			}
		})
	}
}
