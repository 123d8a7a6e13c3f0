package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestLinkChunks: a link is cut where a terminal of the width wraps it when
// written from the second column, and nowhere else.
func TestLinkChunks(t *testing.T) {
	tests := []struct {
		url   string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"abc", 10, []string{"abc"}},
		{"abcdefghi", 10, []string{"abcdefghi"}},
		{"abcdefghij", 10, []string{"abcdefghi", "j"}},
		{"abcdefghijklmnopqrs", 10, []string{"abcdefghi", "jklmnopqrs"}},
		{"a b{c d}", 4, []string{"a b{c d}"}}, // the narrowest is minLinkWidth
	}
	for _, tt := range tests {
		if got := linkChunks(tt.url, tt.width); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("linkChunks(%q, %d) = %q, want %q", tt.url, tt.width, got, tt.want)
		}
	}
}

// TestResultLink: a public client's result shows the authorize URL on rows
// of its own, u copies it, and the link is printed again from its first
// row through the terminal's autowrap, the cursor saved and restored.
func TestResultLink(t *testing.T) {
	stub := uitest.NewStubAPI()
	cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("public"))
	clip := &uitest.FakeClipboard{}
	cfg.Clipboard = clip
	d := start(t, cfg)
	d.toResult()
	d.send(tea.KeyPressMsg{Code: 'u', Text: "u"}, "Copied the URL to the system clipboard.")
	d.final()
	url := d.m.shownLink().url
	if !strings.HasPrefix(url, "https://api.flexslot.gg/api/public/v1/oauth/authorize?") || clip.Content != url {
		t.Fatalf("the clipboard holds %q, want the authorize URL %q", clip.Content, url)
	}

	frame := d.m.draw().Content
	lines := strings.Split(frame, "\n")
	top := -1
	for i, line := range lines {
		if strings.HasPrefix(line, " https://api.flexslot.gg/") {
			top = i
			break
		}
	}
	if top < 0 {
		t.Fatalf("no row starts the URL:\n%s", frame)
	}
	raw, ok := d.m.rewrapLink()().(tea.RawMsg)
	if !ok {
		t.Fatal("rewrapLink printed nothing")
	}
	want := ansi.SaveCursor + ansi.CursorPosition(2, top+1) + ansi.ResetStyle + url + ansi.RestoreCursor
	if got := raw.Msg.(string); got != want {
		t.Errorf("rewrapLink prints %q, want %q", got, want)
	}
}

// TestFollowLink: a link that appears or is drawn anew after a resize is
// printed again; one that goes away has the screen redrawn.
func TestFollowLink(t *testing.T) {
	shown := link{url: "https://example.test/authorize"}
	tests := []struct {
		name          string
		before, after link
		msg           tea.Msg
		want          int // commands
	}{
		{"none", link{}, link{}, nil, 0},
		{"appears", link{}, shown, nil, 1},
		{"stays", shown, shown, nil, 0},
		{"resized", shown, shown, tea.WindowSizeMsg{Width: 60, Height: 16}, 1},
		{"goes", shown, link{}, nil, 1},
		{"changes", shown, link{url: "https://example.test/other"}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Model{current: fixedLink{tt.after}}
			cmd := m.followLink(tt.before, tt.msg)
			got := 0
			if cmd != nil {
				got = 1
				if batch, ok := cmd().(tea.BatchMsg); ok {
					got = len(batch)
				}
			}
			if got != tt.want {
				t.Errorf("followLink gives %d commands, want %d", got, tt.want)
			}
		})
	}
}

// fixedLink is a screen that shows a link and nothing else.
type fixedLink struct{ l link }

func (f fixedLink) Update(tea.Msg) tea.Cmd { return nil }
func (f fixedLink) View() string           { return "" }
func (f fixedLink) shownLink() link        { return f.l }
