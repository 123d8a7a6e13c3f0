package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/flexslot/flexslot-register/internal/cli"
)

// TestHelp checks each command's --help: on stdout, its own usage and
// flags, in 80 columns, with no escape sequence or trailing space in a pipe.
func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want []string // in the help, in this order
		lack []string
	}{
		{[]string{"--help"}, []string{"flexslot-register [command] [--flags]", "list [--flags]", "rotate [CLIENT_ID]",
			"sandbox [--flags]", "test-login CLIENT_ID", "--name", "--scope", "sideboards:write", "--dry-run", "--if-exists", "a scripted run's default"}, []string{"--addr"}},
		{[]string{"-h"}, []string{"flexslot-register [command] [--flags]"}, nil},
		{[]string{"list", "--help"}, []string{"Print your OAuth2 clients", "flexslot-register list [--flags]", "--json", "Print the list as JSON."},
			[]string{"--name", "--secret-file", "--yes"}},
		{[]string{"rotate", "--help"}, []string{"a new secret", "flexslot-register rotate [CLIENT_ID] [--flags]", "--secret-file", "--print-secret"},
			[]string{"--name", "--dry-run", "--addr", "--yes"}},
		{[]string{"test-login", "--help"}, []string{"flexslot-register test-login CLIENT_ID [--flags]", "--scope", "A scope to ask for",
			"--secret-file", "Read the client secret"}, []string{"--print-secret", "--yes"}},
		{[]string{"sandbox", "--help"}, []string{"flexslot-register sandbox [--flags]", "--addr", "(127.0.0.1:8080)"}, []string{"--sandbox", "--name"}},
		{[]string{"help", "rotate"}, []string{"flexslot-register rotate [CLIENT_ID] [--flags]"}, nil},
		{[]string{"completion", "--help"}, []string{"bash", "fish", "powershell", "zsh"}, nil},
		{[]string{"completion", "bash", "--help"}, []string{"source <(flexslot-register completion bash)"}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Setenv("NO_COLOR", "1")
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != cli.ExitOK || stderr != "" {
				t.Fatalf("code %d, stderr %q", code, stderr)
			}
			rest := stdout
			for _, want := range tt.want {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("no %q (or not in order) in:\n%s", want, stdout)
				}
				rest = rest[i+len(want):]
			}
			for _, lack := range tt.lack {
				if strings.Contains(stdout, lack) {
					t.Errorf("%q in:\n%s", lack, stdout)
				}
			}
			for i, line := range strings.Split(stdout, "\n") {
				if n := utf8.RuneCountInString(line); n > 80 || strings.HasSuffix(line, " ") || strings.ContainsRune(line, '\x1b') {
					t.Errorf("line %d (%d columns) is too wide, ends in a space or holds ESC: %q", i+1, n, line)
				}
			}
		})
	}
}

// TestCommandLineMistakes checks that a mistyped command or flag is named in
// one line on stderr with the nearest one, exit 2, no help.
func TestCommandLineMistakes(t *testing.T) {
	t.Setenv("FLEXSLOT_TOKEN", "")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"lst"}, `flexslot-register: unknown command "lst" (did you mean list?)`},
		{[]string{"rotat", "cli_1"}, `flexslot-register: unknown command "rotat" (did you mean rotate?)`},
		{[]string{"register"}, `flexslot-register: unknown command "register" (the commands: flexslot-register --help)`},
		{[]string{"--nmae", "Deck Tracker"}, "flexslot-register: unknown flag: --nmae (did you mean --name?)"},
		{[]string{"-name", "Deck Tracker"}, "flexslot-register: unknown flag: -name (did you mean --name?)"},
		{[]string{"--redirect-url", "https://a.example/cb"}, "flexslot-register: unknown flag: --redirect-url (did you mean --redirect-uri?)"},
		{[]string{"--scop", "decks:read"}, "flexslot-register: unknown flag: --scop (did you mean --scope?)"},
		{[]string{"list", "--jsn"}, "flexslot-register: unknown flag: --jsn (did you mean --json?)"},
		{[]string{"sandbox", "--adr", "127.0.0.1:0"}, "flexslot-register: unknown flag: --adr (did you mean --addr?)"},
		{[]string{"--wizard"}, "flexslot-register: unknown flag: --wizard"},
		{[]string{"--token", "x"}, "flexslot-register: unknown flag: --token (there is none, so that the token stays out of shell history and ps: " +
			"set FLEXSLOT_TOKEN, or pipe it with --token-stdin)"},
		{[]string{"--clipboard-clear", "soon"}, `flexslot-register: invalid argument "soon" for "--clipboard-clear" flag: time: invalid duration "soon"`},
		{[]string{"--name"}, "flexslot-register: flag needs an argument: --name"},
		{[]string{"completion", "tcsh"}, `flexslot-register: unknown command "tcsh" (the commands: flexslot-register completion --help)`},
		{[]string{"man", "now"}, `flexslot-register: unknown command "now" (the commands: flexslot-register man --help)`},
		// A command has only the flags it uses: none is taken and ignored.
		{[]string{"list", "--secret-file", "x", "--force", "--clipboard-clear", "5s"}, "flexslot-register: unknown flag: --secret-file"},
		{[]string{"rotate", "cli_1", "--yes"}, "flexslot-register: unknown flag: --yes"},
		{[]string{"check", "--name", "Deck Tracker"}, "flexslot-register: unknown flag: --name"},
		{[]string{"test-login", "cli_1", "--print-secret"}, "flexslot-register: unknown flag: --print-secret"},
		// A value of a fixed set is refused where it is parsed.
		{[]string{"--if-exists", "resue"}, `flexslot-register: --if-exists: "resue" is not one of fail, reuse, rotate (did you mean reuse?)`},
		{[]string{"--client-type", "Public"}, `flexslot-register: --client-type: "Public" is not a client type; use confidential or public (did you mean public?)`},
		{[]string{"test-login", "cli_1", "--scope", "deck:read"}, `flexslot-register: --scope: "deck:read" is not a scope; choose from cards:read, ` +
			`decks:read, decks:write, exports:read, guides:read, guides:write, sideboards:read, sideboards:write (did you mean decks:read?)`},
		{[]string{"rotate", "--clipboard-clear", "-5s"}, "flexslot-register: --clipboard-clear: must be a positive duration such as 45s"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != cli.ExitUsage || stdout != "" || stderr != tt.want+"\n" {
				t.Errorf("code %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, tt.want)
			}
		})
	}
}

// TestCompletion checks the completion scripts and the values that
// `__complete` (what the scripts call) offers: the field table's choices,
// and the partner's client ids when FLEXSLOT_TOKEN holds a token.
func TestCompletion(t *testing.T) {
	sb := startSandbox(t)
	var ids []string
	for _, kind := range []string{"confidential", "public"} {
		code, stdout, stderr := runWith(t, sb.Token()+"\n", "--token-stdin", "--name", "Completion "+kind, "--client-type", kind,
			"--redirect-uri", "https://a.example/cb", "--print-secret")
		if code != cli.ExitOK {
			t.Fatalf("create: %d %s", code, stderr)
		}
		ids = append(ids, strings.Split(stdout, "\n")[0])
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, _ := runWith(t, "", "completion", shell)
		if code != cli.ExitOK || !strings.Contains(stdout, "__complete") {
			t.Errorf("completion %s: code %d, %d bytes, no __complete", shell, code, len(stdout))
		}
	}
	tests := []struct {
		name  string
		token string
		args  []string
		want  []string // lines, the directive last
	}{
		{"scopes", "", []string{"--scope", ""}, []string{"cards:read\t", "decks:read\t", "decks:write\t", "exports:read\t",
			"guides:read\t", "guides:write\t", "sideboards:read\t", "sideboards:write\t", ":4"}},
		{"client types", "", []string{"--client-type", ""}, []string{"confidential\t", "public\t", ":4"}},
		{"grant types", "", []string{"--grant-type", "r"}, []string{"authorization_code\t", "refresh_token\t", ":4"}},
		{"test-login's scopes", "", []string{"test-login", "--scope", "g"}, []string{"cards:read\t", "decks:read\t"}},
		{"if-exists", "", []string{"--if-exists", ""}, []string{"fail\t", "reuse\t", "rotate\t", ":4"}},
		{"commands", "", []string{""}, []string{"check\t", "completion\t", "help\t", "list\t", "login\t", "logout\t", "request-scopes\t", "rotate\t", "sandbox\t", "status\t", "test-login\t", ":4"}},
		{"request-scopes' scopes", "", []string{"request-scopes", "--scope", "e"}, []string{"cards:read\t", "decks:read\t"}},
		{"rotate: confidential clients", sb.Token(), []string{"rotate", ""}, []string{ids[0] + "\tCompletion confidential", ":4"}},
		{"test-login: every client", sb.Token(), []string{"test-login", ""}, []string{ids[0] + "\tCompletion confidential",
			ids[1] + "\tCompletion public", ":4"}},
		{"no token: no ids, no prompt", "", []string{"rotate", ""}, []string{":4"}},
		{"one id only", sb.Token(), []string{"rotate", ids[0], ""}, []string{":4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", tt.token)
			code, stdout, _ := runWith(t, "", append([]string{"__complete"}, tt.args...)...)
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if code != cli.ExitOK || len(lines) != len(tt.want) && tt.want[len(tt.want)-1] == ":4" {
				t.Fatalf("code %d, got:\n%s", code, stdout)
			}
			for i, want := range tt.want {
				if i >= len(lines) || !strings.HasPrefix(lines[i], want) {
					t.Fatalf("line %d: want %q, got:\n%s", i+1, want, stdout)
				}
			}
		})
	}
}

// TestManPage checks the man page: dated from SOURCE_DATE_EPOCH, so that a
// release builds the same page twice, with a header man can draw, every
// command and each one's own flags.
func TestManPage(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	code, page, stderr := runWith(t, "", "man")
	if code != cli.ExitOK || stderr != "" {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
	if _, again, _ := runWith(t, "", "man"); again != page {
		t.Error("two runs give two pages")
	}
	// .TH title section date source manual: man shows the manual's title
	// between the two page names of the header, where the description
	// overlapped them (FLEXSLOT-RERegister)an OAuth2…).
	if th, _, _ := strings.Cut(page, "\n"); th != `.TH FLEXSLOT-REGISTER 1 "2023-11-14" "flexslot-register" "General Commands Manual"` {
		t.Errorf("the title line: %s", th)
	}
	for _, want := range []string{".SH NAME", `flexslot-register - Register an OAuth2 client`, ".SH DESCRIPTION", ".SH OPTIONS",
		`\fB--redirect-uri\fP`, `\fB--if-exists\fP`, `\fBrotate\fP`, `\fBtest-login\fP`, `\fBsandbox\fP`, `\fB--addr\fP`,
		".SH ENVIRONMENT", "FLEXSLOT_TOKEN", ".SH EXIT STATUS"} {
		if !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	// list has no --yes; the page lists its flags between "list" and "rotate"
	list := page[strings.Index(page, `\fBlist\fP`):strings.Index(page, `\fBrotate\fP`)]
	if !strings.Contains(list, `\fB--json\fP`) || strings.Contains(list, `\fB--yes\fP`) {
		t.Errorf("list's flags in the man page:\n%s", list)
	}
	if _, err := exec.LookPath("man"); err == nil {
		file := filepath.Join(t.TempDir(), "flexslot-register.1")
		if err := os.WriteFile(file, []byte(page), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("man", "-l", file)
		cmd.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat")
		out, err := cmd.Output()
		header, _, _ := strings.Cut(strings.TrimLeft(string(out), "\n"), "\n")
		if err != nil || strings.Join(strings.Fields(header), " ") != "FLEXSLOT-REGISTER(1) General Commands Manual FLEXSLOT-REGISTER(1)" {
			t.Errorf("man -l: %v, the header: %q", err, header)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, stderr := runWith(t, "", "man"); code != cli.ExitUsage || !strings.Contains(stderr, "SOURCE_DATE_EPOCH=yesterday") {
		t.Errorf("a bad SOURCE_DATE_EPOCH: code %d, %q", code, stderr)
	}
}
