# SPDX-License-Identifier: GPL-3.0-or-later
# Precompiled headers: the Qt headers nearly every file includes are parsed once per library, and once for
# each folder of tests, instead of once per file. SSESCOPE_PCH=OFF builds without them, which also shows a file
# that leans on them instead of including what it uses (the fuzz preset builds the engine that way).
# On by default with GCC, which the Linux builds and CI use. Clang and MSVC refuse (or warn about) a header
# precompiled under other definitions than the file's, and the tests of one folder differ in the Qt modules they
# link, so the macOS and Windows builds go without unless asked.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(ssescopePchDefault ON)
else()
    set(ssescopePchDefault OFF)
endif()
option(SSESCOPE_PCH "Precompile the Qt headers most files include" ${ssescopePchDefault})
set(ssescopePchDir ${CMAKE_CURRENT_LIST_DIR}/pch)

# ssescope_precompile(TARGET engine|widgets)
function(ssescope_precompile target kind)
    if(SSESCOPE_PCH)
        target_precompile_headers(${target} PRIVATE ${ssescopePchDir}/${kind}.h)
    endif()
endfunction()

# ssescope_reuse_test_pch(TARGET tests|windowtests): the test TARGET reuses the header precompiled for the tests of
# its folder. Qt defines QT_TESTCASE_BUILDDIR per folder, and GCC takes a precompiled header only under the same
# definitions, so each folder has its own, made for the first test's kind; a test of the other kind goes without.
function(ssescope_reuse_test_pch target kind)
    if(NOT SSESCOPE_PCH)
        return()
    endif()
    file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
    string(MAKE_C_IDENTIFIER "${folder}_pch" pch)
    if(NOT TARGET ${pch})
        add_library(${pch} OBJECT ${ssescopePchDir}/pch.cpp)
        target_link_libraries(${pch} PRIVATE ssescope_core ssescope_options Qt6::Test)
        if(kind STREQUAL "windowtests")
            target_link_libraries(${pch} PRIVATE ssescope_ui)
        endif()
        target_precompile_headers(${pch} PRIVATE ${ssescopePchDir}/${kind}.h)
        set_target_properties(${pch} PROPERTIES SSESCOPE_PCH_KIND ${kind})
    endif()
    get_target_property(pchKind ${pch} SSESCOPE_PCH_KIND)
    if(pchKind STREQUAL kind)
        target_precompile_headers(${target} REUSE_FROM ${pch})
    endif()
endfunction()
