//go:build windows

package secretfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// tempAttempts is how many random names createTemp tries, as os.CreateTemp.
const tempAttempts = 10000

// createNew makes the file at path, which must not exist yet, with a DACL
// that lets only this user open it (ownerOnlySDDL). The mode bits Go passes
// to Windows set only the read-only attribute, and a file created without a
// descriptor takes its ACL from the directory, which may let other users
// read it; the DACL is given at the create, so the file never exists with
// the inherited one. CREATE_NEW fails on any name that exists, a symbolic
// link included (Windows has no O_NOFOLLOW; Prepare's Lstat refused one
// already).
func createNew(path string) (*os.File, error) {
	sa, err := ownerOnlyAttributes()
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, sa,
		windows.CREATE_NEW, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		// ERROR_FILE_EXISTS matches fs.ErrExist.
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// createTemp makes a new file of a random name in dir, as os.CreateTemp does
// (the last * of pattern is the random part), but through createNew, so that
// it has its DACL from the start. Renamed over the target, it keeps that
// DACL: a file moved within a volume keeps its own security descriptor, and
// a protected one takes nothing from its new directory.
func createTemp(dir, pattern string) (*os.File, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndexByte(pattern, '*'); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for range tempAttempts {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := createNew(name)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, prefix+"*"+suffix), Err: fs.ErrExist}
}

// ownerOnlyAttributes is the SECURITY_ATTRIBUTES of a file only the user of
// this process may open: the SID of the process token's user, in
// ownerOnlySDDL's descriptor. Without it the file is not made at all, rather
// than made with the directory's ACL.
func ownerOnlyAttributes() (*windows.SecurityAttributes, error) {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("could not tell which user this is, to let only them read the file: %w", err)
	}
	sddl, err := ownerOnlySDDL(user.User.Sid.String())
	if err != nil {
		return nil, err
	}
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		return nil, fmt.Errorf("could not make a security descriptor that lets only you read the file: %w", err)
	}
	sa := &windows.SecurityAttributes{SecurityDescriptor: sd}
	sa.Length = uint32(unsafe.Sizeof(*sa))
	return sa, nil
}
