// LAPACKE with its complex types mapped to plain structs, so Swift can pass
// `Complex<Double>` storage (two interleaved doubles) without C's _Complex.
#define LAPACK_COMPLEX_CUSTOM
typedef struct { float real; float imag; } qkdlab_complex_float;
typedef struct { double real; double imag; } qkdlab_complex_double;
#define lapack_complex_float qkdlab_complex_float
#define lapack_complex_double qkdlab_complex_double
#include <lapacke.h>
