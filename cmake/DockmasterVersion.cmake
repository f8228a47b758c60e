# The version the packages, `dockmaster --version` and the About box show:
# `git describe` of the source tree, so every package built from a different
# commit has a different, increasing version. A release tag v1.2.3 gives
# 1.2.3 (and 1.2.3+N.gSHA N commits later); without a tag, the project version
# is a pre-release of itself: 0.1.0~N.gSHA (N = commits since the start, which
# only grows). packaging/dockmaster passes DOCKMASTER_GIT_DESCRIBE from the
# host, where a worktree's git metadata is reachable; a plain clone computes it
# here. Without git at all it is the project version.
function(dockmaster_compute_version out)
    set(describe "${DOCKMASTER_GIT_DESCRIBE}")
    if(NOT describe)
        find_package(Git QUIET)
        if(GIT_FOUND)
            execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --match "v[0-9]*" --long --dirty
                            WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE describe
                            OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE tagged)
            if(NOT tagged EQUAL 0)
                execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD
                                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE count
                                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE counted)
                execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=9 HEAD
                                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE sha
                                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
                if(counted EQUAL 0)
                    set(describe "untagged-${count}-g${sha}")
                else()
                    set(describe "")
                endif()
            endif()
        endif()
    endif()
    set(version "${PROJECT_VERSION}")
    if(describe MATCHES "^v([0-9][0-9.]*)-([0-9]+)-g([0-9a-f]+)(-dirty)?$")
        set(version "${CMAKE_MATCH_1}")
        if(NOT CMAKE_MATCH_2 EQUAL 0)
            string(APPEND version "+${CMAKE_MATCH_2}.g${CMAKE_MATCH_3}")
        endif()
        if(CMAKE_MATCH_4)
            string(APPEND version "~dirty")
        endif()
    elseif(describe MATCHES "^untagged-([0-9]+)-g([0-9a-f]+)$")
        set(version "${PROJECT_VERSION}~${CMAKE_MATCH_1}.g${CMAKE_MATCH_2}")
    endif()
    set(${out} "${version}" PARENT_SCOPE)
endfunction()
