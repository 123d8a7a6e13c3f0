package ui

import (
	"strings"
	"testing"
)

// panickyClipboard panics in every call, as a broken clipboard library would.
type panickyClipboard struct{}

func (panickyClipboard) WriteAll(text string) error { panic("clipboard library bug: " + text) }
func (panickyClipboard) ReadAll() (string, error)   { panic("clipboard library bug") }

// TestClipboardPanicIsAFailedCopy: a clipboard call runs in a goroutine of
// its own, where a panic would end the process with the secret unsaved and
// nothing said; it is a failed copy (or clear) instead, which falls back and
// is reported like any other.
func TestClipboardPanicIsAFailedCopy(t *testing.T) {
	tests := []struct {
		name string
		msg  func() error
	}{
		{"copy", func() error { return copyToSystem(panickyClipboard{}, "s3cr3t", "secret", true)().(copiedMsg).err }},
		{"clear", func() error { return clearClipboard(panickyClipboard{}, "s3cr3t")().(clipboardClearedMsg).err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.msg()
			if err == nil || !strings.Contains(err.Error(), "the clipboard library crashed") || strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("err = %v, want the clipboard library's crash, without the secret", err)
			}
		})
	}
}
