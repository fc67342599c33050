package io.lyss.orchestrator.chat;

/** One message of a prompt: its role ({@code system}, {@code developer}, {@code user}, {@code assistant}) and text. */
public record PromptMessage(String role, String text) {}
