#pragma once

// Whether a JPEG file's byte stream is whole: its marker segments are walked
// from SOI (each skipped by its length, so an EXIF thumbnail's own markers
// are never mistaken for the image's), the entropy-coded data after every SOS
// is scanned for the next marker (0xFF followed by anything but a stuffed 0x00
// or a restart marker), and the stream is whole when it reaches the EOI marker.
// Bytes after EOI (camera trailers, a second picture) do not matter.
//
// Why this exists: Qt's JPEG plugin never reports a truncated file. When the
// data runs out, its source manager hands libjpeg a fake EOI marker (as the
// libjpeg documentation suggests), libjpeg fills the rest of the picture with
// grey and only warns ("Premature end of JPEG file", "Corrupt JPEG data:
// premature end of data segment") through qCWarning(qt.gui.imageio.jpeg),
// and QImageReader::read() returns the grey-filled image without an error.
// Catching that warning would need a process-wide message handler (shared by
// conversions running at once on other threads, and silent when logging rules
// disable the category); the stream itself says it unambiguously.
//
// Thread: any; reads fd with pread() and leaves its offset alone.
namespace JpegStream {

// False when fd holds a JPEG stream that ends (or breaks off) before its EOI
// marker, or cannot be read; true otherwise (also for what is not a JPEG).
bool isComplete(int fd);

} // namespace JpegStream
