//go:build windows

package secretfile

import (
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// fileAllAccess is FILE_ALL_ACCESS, which SDDL spells FA.
const fileAllAccess = windows.STANDARD_RIGHTS_REQUIRED | windows.SYNCHRONIZE | 0x1ff

// assertOwnerOnly fails t unless only the current user may open path: its
// DACL, read back from the file, is protected (nothing inherited from the
// directory) and holds one ACE, which allows the current user
// FILE_ALL_ACCESS. The file's mode says nothing on Windows.
func assertOwnerOnly(t *testing.T, path string) {
	t.Helper()
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil || sd == nil {
		t.Errorf("%s: reading its security descriptor: %v", path, err)
		return
	}
	control, _, err := sd.Control()
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	if control&windows.SE_DACL_PROTECTED == 0 {
		t.Errorf("%s: the DACL is not protected, it takes ACEs from the directory: %v", path, sd)
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		t.Errorf("%s: no DACL (everyone may open it): %v, %v", path, sd, err)
		return
	}
	if dacl.AceCount != 1 {
		t.Errorf("%s: %d ACEs, want 1: %v", path, dacl.AceCount, sd)
		return
	}
	var ace *windows.ACCESS_ALLOWED_ACE
	if err := windows.GetAce(dacl, 0, &ace); err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
	if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Header.AceFlags&windows.INHERITED_ACE != 0 ||
		ace.Mask != fileAllAccess || !sid.Equals(user.User.Sid) {
		t.Errorf("%s: %v, want one ACE allowing %v FILE_ALL_ACCESS", path, sd, user.User.Sid)
	}
}
