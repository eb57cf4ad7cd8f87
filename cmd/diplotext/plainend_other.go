//go:build !amd64 || purego

package main

func plainEnd(b []byte, i int) (int, bool) { return plainEndGo(b, i) }
