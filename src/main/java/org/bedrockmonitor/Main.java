package org.bedrockmonitor;
public class Main { public static void main(String[] a) { } }
