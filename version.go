package diplotext

// Version is the version of the diplotext library and its embedded data.
const Version = "0.1.0"
