/**
 * Reference oracles: plain, obviously correct Java written from the definitions (full matrices, simple loops),
 * independent of the kernels' code but following the float32 order of operations the library documents, so
 * kernels can be checked against them bit for bit.
 */
package dev.anchorvec.reference;
