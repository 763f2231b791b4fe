/**
 * The admin API for automation: users ({@code /api/v1/users}), projects ({@code /api/v1/projects}) and their
 * members ({@code /api/v1/projects/{p}/members}). Controllers only translate; who may do what is decided by
 * {@code UserService}, {@code ProjectService} and {@code MemberService}, the same methods the portal calls.
 */
package dev.runplane.api.admin;
