package ui

import (
	"io"
	"testing"

	uv "github.com/charmbracelet/ultraviolet"

	"github.com/flexslot/flexslot-register/api"
)

// BenchmarkTerminalFrame is what Bubble Tea's renderer does with a frame
// after a key, done as its cursed renderer does it (bubbletea
// cursed_renderer.go, flush): parse the frame into a cell buffer, compare it
// with the screen and write the difference. It shows where a key's time goes
// in a terminal beyond Update and View: this work grows with what the frame
// holds, which the floor of BenchmarkKeysInTerminal (one line) barely has.
func BenchmarkTerminalFrame(b *testing.B) {
	scopes := benchModel(b, 2)
	openAt(scopes, api.FieldAllowedScopes)
	down := scopes.View().Content
	scopes.Update(keyDown)
	up := scopes.View().Content
	name := benchModel(b, 2)
	openAt(name, api.FieldApplicationName)
	before := name.View().Content
	name.Update(typeX)
	after := name.View().Content
	for _, c := range []struct {
		name   string
		frames [2]string
	}{
		{"scopes arrow", [2]string{down, up}},
		{"name letter", [2]string{before, after}},
		{"floor letter", [2]string{"Application name\n> x", "Application name\n> xx"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			buf := uv.NewScreenBuffer(80, 24)
			scr := uv.NewTerminalRenderer(io.Discard, []string{"TERM=xterm-256color"})
			scr.SetFullscreen(true)
			scr.Resize(80, 24)
			i := 0
			for b.Loop() {
				buf.Clear()
				uv.NewStyledString(c.frames[i%2]).Draw(buf, buf.Bounds())
				scr.Render(buf.RenderBuffer)
				if err := scr.Flush(); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
