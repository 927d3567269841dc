# CMake toolchain file: Cortex-M4F with the GNU Arm toolchain (arm-none-eabi-gcc),
# for the Rust target thumbv7em-none-eabihf. Use with
#   cmake -DCMAKE_TOOLCHAIN_FILE=<repo>/bindings/c/cmake/arm-none-eabi-cortex-m4f.cmake ...
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# No OS to run a test program on: try-compile builds a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -ffunction-sections -fdata-sections")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")
set(SIGV4_BEARER_RUST_TARGET thumbv7em-none-eabihf CACHE STRING "")
