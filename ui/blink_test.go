package ui

import (
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
)

// blinkCanceled makes bubbles' cursor send the message a key makes a text
// input send: a blink cancelled by the next one.
func blinkCanceled(t testing.TB) tea.Msg {
	t.Helper()
	c := cursor.New()
	c.BlinkSpeed = time.Hour
	c.Focus()
	first := c.Blink()
	got := make(chan tea.Msg, 1)
	go func() { got <- first() }()
	c.Blink() // cancels the first
	select {
	case msg := <-got:
		return msg
	case <-time.After(5 * time.Second):
		t.Fatal("the first blink was not cancelled")
		return nil
	}
}

// TestBlinkCanceledIsRecognised: the message bubbles sends is the one the
// wizard skips, and nothing else is.
func TestBlinkCanceledIsRecognised(t *testing.T) {
	tests := []struct {
		name string
		msg  tea.Msg
		want bool
	}{
		{"bubbles' cancelled blink", blinkCanceled(t), true},
		{"a blink", cursor.BlinkMsg{}, false},
		{"a key", typeX, false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isBlinkCanceled(tt.msg); got != tt.want {
				t.Errorf("isBlinkCanceled(%T) = %v", tt.msg, got)
			}
		})
	}
}

// TestBlinkCanceledKeepsTheFrame: the wizard answers a cancelled blink with
// no command and gives the frame it drew, not a new one; the next key draws
// anew.
func TestBlinkCanceledKeepsTheFrame(t *testing.T) {
	m := benchModel(t, 1)
	openAt(m, "application_name")
	before := m.View()
	if _, cmd := m.Update(blinkCanceled(t)); cmd != nil {
		t.Error("a cancelled blink returned a command")
	}
	if !m.frameValid || m.View().Content != before.Content {
		t.Error("a cancelled blink dropped the frame")
	}
	m.Update(typeX)
	if m.frameValid {
		t.Error("a key kept the old frame")
	}
	if after := m.View(); after.Content == before.Content {
		t.Error("the frame after a key is the one before it")
	}
}
