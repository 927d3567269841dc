# CMake toolchain file: Cortex-M4F with the GNU Arm toolchain (arm-none-eabi-gcc),
# for the Rust target thumbv7em-none-eabihf. Use with
#   cmake -DCMAKE_TOOLCHAIN_FILE=<repo>/bindings/c/cmake/arm-none-eabi-cortex-m4f.cmake ...
# C, C++ and assembly get the same core and float ABI, so their objects link
# together and with the Rust archive.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# No OS to run a test program on: try-compile builds a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(SIGV4_BEARER_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(CMAKE_C_FLAGS_INIT "${SIGV4_BEARER_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${SIGV4_BEARER_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${SIGV4_BEARER_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")
set(SIGV4_BEARER_RUST_TARGET thumbv7em-none-eabihf CACHE STRING "")
