# SPDX-License-Identifier: GPL-3.0-or-later
# ssescope_add_test(NAME SOURCES ... [LIBRARIES ...] [LABELS ...])
# One executable per test, registered with ctest and run on the offscreen platform.
function(ssescope_add_test name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES;LABELS")
    qt_add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE ssescope_core ssescope_options Qt6::Test ${arg_LIBRARIES})
    # Helpers shared by the tests of several folders and the benchmarks.
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
    if(ssescope_ui IN_LIST arg_LIBRARIES)
        ssescope_reuse_test_pch(${name} windowtests)
    else()
        ssescope_reuse_test_pch(${name} tests)
    endif()
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
        LABELS "${arg_LABELS}")
endfunction()

# ssescope_add_benchmark(NAME SOURCES ... [LIBRARIES ...])
# A benchmark executable, and a short run of it (--quick) under the benchmark-smoke label, which checks that
# it still builds and counts right; it asserts no speed.
function(ssescope_add_benchmark name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
    qt_add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE ssescope_core ssescope_options ${arg_LIBRARIES})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
    add_test(NAME ${name}_smoke COMMAND ${name} --quick)
    set_tests_properties(${name}_smoke PROPERTIES LABELS benchmark-smoke)
endfunction()
