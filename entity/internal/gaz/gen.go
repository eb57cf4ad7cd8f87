package gaz

//go:generate go run ../gen -out .
