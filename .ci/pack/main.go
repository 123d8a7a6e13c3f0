// Command pack is the release's packing, in Go so that it gives the same
// bytes on every machine: archives whose entries are sorted, owned by root
// and dated from SOURCE_DATE_EPOCH, and a module version laid out as a
// GOPROXY directory, to prove `go install module@version` without the
// network.
//
//	go run . tar OUT.tar.gz DIR     DIR as its base name, in a gzip'd tar
//	go run . zip OUT.zip DIR        the same, as a zip
//	go run . proxy OUT MODULE VERSION REPO
//	                                REPO's HEAD as MODULE@VERSION in the GOPROXY directory OUT
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 3 && args[0] == "tar":
		return pack(args[1], args[2], writeTar)
	case len(args) == 3 && args[0] == "zip":
		return pack(args[1], args[2], writeZip)
	case len(args) == 5 && args[0] == "proxy":
		return proxy(args[1], args[2], args[3], args[4])
	}
	return errors.New("usage: pack tar|zip OUT DIR, or pack proxy OUT MODULE VERSION SRC")
}

// entry is a file of an archive.
type entry struct {
	name string // slash-separated, below the archive's top directory
	mode fs.FileMode
	data []byte
}

// sourceDate is SOURCE_DATE_EPOCH's time, which every entry gets.
func sourceDate() (time.Time, error) {
	seconds, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64)
	if err != nil {
		return time.Time{}, errors.New("SOURCE_DATE_EPOCH must be the commit's time, in seconds")
	}
	return time.Unix(seconds, 0).UTC(), nil
}

// pack writes the files below dir, in name order (WalkDir's), to out.
func pack(out, dir string, write func(io.Writer, time.Time, []entry) error) error {
	date, err := sourceDate()
	if err != nil {
		return err
	}
	top := filepath.Base(dir)
	var entries []entry
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name := path.Join(top, filepath.ToSlash(rel))
		if d.IsDir() {
			entries = append(entries, entry{name: name + "/", mode: fs.ModeDir | 0o755})
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644) // not the umask of whoever runs the release
		if info.Mode()&0o100 != 0 {
			mode = 0o755
		}
		data, err := os.ReadFile(p)
		entries = append(entries, entry{name: name, mode: mode, data: data})
		return err
	})
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f, date, entries); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeTar(w io.Writer, date time.Time, entries []entry) error {
	gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // no name, no time in the header
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode.Perm()), Size: int64(len(e.data)), ModTime: date,
			Uname: "root", Gname: "root", Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if e.mode.IsDir() {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, date time.Time, entries []entry) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: date}
		h.SetMode(e.mode)
		if e.mode.IsDir() {
			h.Method = zip.Store
		}
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// proxy lays out the commit HEAD of the git repository repo as mod@version
// in the GOPROXY directory out: list, .info, .mod and the module zip, which
// golang.org/x/mod/zip makes as the module proxy does (what the commit
// holds; nested modules left out).
func proxy(out, mod, version, repo string) error {
	date, err := sourceDate()
	if err != nil {
		return err
	}
	m := module.Version{Path: mod, Version: version}
	if err := module.Check(mod, version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(mod)
	if err != nil {
		return err
	}
	dir := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	z, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		return err
	}
	if err := modzip.CreateFromVCS(z, m, repo, "HEAD", ""); err != nil {
		z.Close()
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	gomod, err := exec.Command("git", "-C", repo, "show", "HEAD:go.mod").Output()
	if err != nil {
		return fmt.Errorf("go.mod of HEAD: %w", err)
	}
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": date.Format(time.RFC3339)})
	for name, data := range map[string][]byte{version + ".mod": gomod, version + ".info": info, "list": []byte(version + "\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
