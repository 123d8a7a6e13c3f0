package lines

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// The line prompts' answers when a draft is offered or its file exists, as
// the wizard's draft screen offers them (enter, a path typed, esc).
const (
	choiceSave    = "save"
	choiceReplace = "replace"
	choiceOther   = "other"
	choiceLeave   = "leave"
)

// offerSave offers to save the client id and secret to a file, as the
// result screen's s does. The path asked for shows its default, which an
// empty answer takes: the configured path, or where it exists a free name
// beside it, since a secret file is never overwritten.
func (a *Prompts) offerSave(clientID, secret string) error {
	path := a.cfg.SavePath
	for {
		save := true
		if err := a.prompt(huh.NewConfirm().Title("Save the client id and secret to a file?").Value(&save)); err != nil {
			return err
		}
		if !save {
			if !a.Progress().Copied {
				a.say("The secret is not saved anywhere: if you lose it, rotate it.")
			}
			return nil
		}
		var err error
		if path, err = a.askPath(freePath(path)); err != nil {
			return err
		}
		saved, err := secretfile.Save(path, clientID, secret)
		if err != nil {
			a.say("%s", err)
			continue
		}
		a.update(func(r *flow.Result) { r.SavedTo = saved.Path })
		a.say("Saved to %s, readable by you only.", saved.Path)
		if saved.GitTracks {
			a.say("Warning: git would not ignore this file; add it to .gitignore before you commit.")
		}
		return nil
	}
}

// offerDraft offers, on leaving before anything was sent, to keep the
// answers as a manifest that --from resumes from, with the wizard's draft
// screen's choices: save, another path, or leave; and where the file exists,
// replace it, another path, or leave. It never replaces a file without asking.
func (a *Prompts) offerDraft() error {
	if !api.HasAnswers(*a.req) {
		return nil
	}
	path := a.cfg.DraftPath
	if path == "" {
		path = flow.DefaultDraftPath
	}
	data, dropped := api.Draft(*a.req)
	choice, err := a.choose("Keep your answers? Nothing was registered; a manifest of the request's fields (no token, no secret) lets --from resume.",
		choiceSave, "Save them to "+path, choiceOther, "Save them to another path", choiceLeave, "Leave without saving")
	for err == nil && choice != choiceLeave {
		if choice == choiceOther {
			if path, err = a.askPath(freePath(path)); err != nil {
				break
			}
		}
		var saved string
		saved, err = secretfile.SaveNew(path, string(data), choice == choiceReplace)
		if errors.Is(err, fs.ErrExist) {
			choice, err = a.choose(saved+" exists.",
				choiceReplace, "Replace it", choiceOther, "Save them to another path", choiceLeave, "Leave without saving")
			continue
		}
		if err != nil {
			a.say("Could not save the draft: %s", err)
			return nil
		}
		if len(dropped) > 0 {
			a.say("Not kept, since they are not valid yet: %s.", strings.Join(dropped, ", "))
		}
		a.update(func(r *flow.Result) { r.DraftSaved = saved })
		return nil
	}
	return err
}

// askPath asks where to save, showing the default an empty answer takes.
func (a *Prompts) askPath(def string) (string, error) {
	path := def
	err := a.prompt(huh.NewInput().Title("Save to [" + validate.Sanitize(def) + "]").Value(&path))
	return strings.TrimSpace(path), err
}

// maxFreeTries bounds freePath's search for a name not taken.
const maxFreeTries = 100

// freePath is path where nothing exists there, else the first of its
// numbered siblings (client-2.env, client-3.env, …) where nothing does: a
// default that an empty answer can take without meeting a file that is
// never overwritten. It gives path back when all those are taken.
func freePath(path string) string {
	if !exists(path) {
		return path
	}
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for n := 2; n <= maxFreeTries; n++ {
		if candidate := base + "-" + strconv.Itoa(n) + ext; !exists(candidate) {
			return candidate
		}
	}
	return path
}

// exists reports whether something is at path (~/ expanded), a dangling
// symbolic link included.
func exists(path string) bool {
	_, err := os.Lstat(secretfile.ExpandHome(path))
	return err == nil
}
