// Package validate holds the rules an OAuth2 client registration must satisfy,
// as pure functions with messages written for a person.
//
// The same rules serve the interactive form, the command-line flags and the
// sandbox server, so a value is judged the same way wherever it is typed. Nothing
// here does I/O, and no message ever repeats a token.
package validate
