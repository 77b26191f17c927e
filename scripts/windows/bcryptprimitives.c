/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the lab under
 * Wine 8 only (Debian 12's Wine). Rust's standard library (1.78+) imports
 * ProcessPrng from bcryptprimitives.dll; Wine added that export in 9.x, so
 * under Wine 8 every Rust program dies at start with STATUS_DLL_NOT_FOUND
 * (c0000135). This DLL exports that one function and fills the buffer from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * Never ship it: real Windows has the real DLL. scripts/windows/wine-run.sh
 * builds it with MinGW and puts it beside the .exe files it starts.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *       bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: fill large buffers in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, piece)) {
            return FALSE;
        }
        data += piece;
        length -= piece;
    }
    return TRUE;
}
