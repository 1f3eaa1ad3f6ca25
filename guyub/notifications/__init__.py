"""Notifications: the one way every app tells people about events.

An app declares its topics (topics.Topic, through AppConfig.contributes
["notification_topics"]) and calls services.notify(); the notice lands in each
recipient's inbox and goes out by e-mail and WhatsApp as they chose (sending.py)."""

from .topics import CHANNELS, Topic, UnknownTopic, all_topics, topic

__all__ = ["CHANNELS", "Topic", "UnknownTopic", "all_topics", "topic"]
